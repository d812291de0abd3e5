using System.Text.Json;
using DeviceLab.Cli.Api;
using DeviceLab.Core.Live;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Statistics;
using DeviceLab.Core.Suites;
using DeviceLab.Core.Models;

namespace DeviceLab.Cli.Runs;

/// <summary>A run as <c>/api/v1/runs</c> shows it (the server's RunView); <see cref="Jobs"/> only in the detail.</summary>
public sealed record RunInfo(
    long Id, long? SuiteId, RunStatus Status, RunTrigger Trigger, string? RequestedBy, IReadOnlyList<long> VariantIds,
    DeviceSelector DeviceSelector, SuiteParameters Parameters, RunJobTally Tally,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? CancelRequestedAt, string? CancelReason,
    IReadOnlyList<RunJobInfo>? Jobs)
{
    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
}

/// <summary>One device's part of a run; the error fields describe its newest attempt's end.</summary>
public sealed record RunJobInfo(
    long Id, long DeviceId, string? DeviceSerial, string? DeviceModel, bool DeviceIsVirtual, RunJobStatus Status, int Attempt,
    string? ErrorCode, string? ErrorMessage, bool IsPartial, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    IReadOnlyList<RunJobAttemptInfo> Attempts);

/// <summary>One try of a job.</summary>
public sealed record RunJobAttemptInfo(
    int Attempt, long DeviceId, RunJobAttemptStatus Status, string? ErrorCode, string? ErrorMessage, bool IsPartial,
    long? LeaseFencingToken, int RepetitionsDone, int RepetitionsTotal, int? AgentExitCode,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>One result as <c>/api/v1/results?runId=</c> shows it (the server's ResultView).</summary>
public sealed record ResultInfo(
    long Id, long RunId, long RunJobId, int Attempt, bool Superseded, bool IsPartial,
    long DeviceId, string DeviceSerial, string? DeviceModel, string? DeviceAbi, string? OsVersion,
    long VariantId, long ModelId, string ModelName, QuantType QuantType, string? VariantSha256,
    SampleSummary? DecodeTokensPerSecond, SampleSummary? DecodeMsPerToken, SampleSummary? PrefillTokensPerSecond, SampleSummary? TimeToFirstTokenMs,
    long? PeakMemoryBytes, double? EnergyJ, double? EnergyMjPerToken, string? EnergyMethod, bool EnergyValid,
    double? Perplexity, double? KlDivergence, double? Top1Agreement, double? ThermalMaxC, double? ThrottledShare,
    double? AdmissionWaitMs, int AdmissionForcedCount, bool IsVirtual, bool IsSimulated, JsonElement? Context, DateTimeOffset CreatedAt)
{
    /// <summary>The engine that measured it: <c>context.engine</c> of imported results ("llama.cpp b5163 (8cf427ff)"), else DeviceLab's.</summary>
    public string Engine => Context is { ValueKind: JsonValueKind.Object } context && context.TryGetProperty("engine", out var engine) && engine.ValueKind == JsonValueKind.String
        ? engine.GetString()!
        : "DeviceLab";

    /// <summary>How the agent measured <see cref="PeakMemoryBytes"/>: <c>context.peak_rss_method</c> (<c>hwm_reset</c>,
    /// <c>rss_sampled_max</c>, <c>unavailable</c>); null from agents and imports that do not say.</summary>
    public string? PeakMemoryMethod => Context is { ValueKind: JsonValueKind.Object } context && context.TryGetProperty("peak_rss_method", out var method)
        && method.ValueKind == JsonValueKind.String ? method.GetString() : null;
}

/// <summary>A new ad-hoc or suite run (the server's CreateRunRequest).</summary>
public sealed record CreateRunRequest(long? SuiteId, IReadOnlyList<long>? VariantIds = null, DeviceSelector? DeviceSelector = null, SuiteParameters? Parameters = null);

/// <summary>The run and result calls of the DeviceLab API.</summary>
public static class RunsApi
{
    public static Task<RunInfo> GetRunAsync(this ApiClient client, long id, CancellationToken cancellationToken) =>
        client.GetAsync<RunInfo>($"api/v1/runs/{id}", cancellationToken);

    /// <summary>Runs, newest first.</summary>
    public static Task<List<RunInfo>> ListRunsAsync(this ApiClient client, long? suiteId, RunStatus? status, int limit, CancellationToken cancellationToken)
    {
        var query = new List<string> { $"limit={limit}" };
        if (suiteId is { } s) query.Add($"suiteId={s}");
        if (status is { } st) query.Add($"status={JsonNamingPolicy.SnakeCaseLower.ConvertName(st.ToString())}");
        return client.GetAsync<List<RunInfo>>($"api/v1/runs?{string.Join('&', query)}", cancellationToken);
    }

    public static Task<RunInfo> CreateRunAsync(this ApiClient client, CreateRunRequest request, CancellationToken cancellationToken) =>
        client.SendAsync<RunInfo>(HttpMethod.Post, "api/v1/runs", request, cancellationToken);

    public static Task<RunInfo> CancelRunAsync(this ApiClient client, long id, CancellationToken cancellationToken) =>
        client.SendAsync<RunInfo>(HttpMethod.Post, $"api/v1/runs/{id}:cancel", null, cancellationToken);

    public static Task<List<ResultInfo>> ListResultsAsync(this ApiClient client, long runId, CancellationToken cancellationToken) =>
        client.GetAsync<List<ResultInfo>>($"api/v1/results?runId={runId}", cancellationToken);
}
