using DeviceLab.Core.Models;
using DeviceLab.Core.Statistics;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Results;

/// <summary>One result as the API and exports show it: what was measured, where, on what, with which flags.</summary>
/// <param name="PeakMemoryMethod">The agent's <c>peak_rss_method</c> (<c>hwm_reset</c>, <c>rss_sampled_max</c> …), null when it reported none.</param>
/// <param name="Superseded">From an attempt the job retried after; kept for the record, left out of compare and trends.</param>
public sealed record ResultView(
    long Id, long RunId, long RunJobId, int Attempt, bool Superseded, bool IsPartial,
    long DeviceId, string DeviceSerial, string? DeviceModel, string? DeviceAbi, string? OsVersion,
    long VariantId, long ModelId, string ModelName, QuantType QuantType, string? VariantSha256,
    SampleSummary? DecodeTokensPerSecond, SampleSummary? DecodeMsPerToken, SampleSummary? PrefillTokensPerSecond, SampleSummary? TimeToFirstTokenMs,
    long? PeakMemoryBytes, string? PeakMemoryMethod, double? EnergyJ, double? EnergyMjPerToken, string? EnergyMethod, bool EnergyValid,
    double? Perplexity, double? KlDivergence, double? Top1Agreement, double? ThermalMaxC, double? ThrottledShare,
    double? AdmissionWaitMs, int AdmissionForcedCount, bool IsVirtual, bool IsSimulated,
    System.Text.Json.JsonElement? Context, DateTimeOffset CreatedAt);

/// <summary>Every result of a run (all attempts, superseded ones flagged), ordered by device and variant.</summary>
public sealed class RunResultsQuery(IDbContextFactory<DeviceLabDbContext> contexts)
{
    /// <returns>Null when there is no such run.</returns>
    public async Task<IReadOnlyList<ResultView>?> RunAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Runs.AnyAsync(r => r.Id == runId, cancellationToken)) return null;
        return await db.Results.AsNoTracking()
            .Where(r => r.RunJob.RunId == runId)
            .OrderBy(r => r.Device.Model).ThenBy(r => r.Device.Serial).ThenBy(r => r.Variant.QuantType).ThenBy(r => r.Attempt)
            .Select(r => new ResultView(
                r.Id, r.RunJob.RunId, r.RunJobId, r.Attempt, r.Attempt != r.RunJob.Attempt, r.RunJob.IsPartial,
                r.DeviceId, r.Device.Serial, r.Device.Model, r.Device.Abi, r.Device.OsVersion,
                r.VariantId, r.Variant.ModelId, r.Variant.Model.Name, r.Variant.QuantType, r.Variant.Sha256,
                r.DecodeTokensPerSecond, r.DecodeMsPerToken, r.PrefillTokensPerSecond, r.TimeToFirstTokenMs,
                r.PeakMemoryBytes, r.Context!.Value.GetProperty(PeakMemory.PeakMemoryMethod.ContextField).GetString(), r.EnergyJ, r.EnergyMjPerToken, r.EnergyMethod, r.EnergyValid,
                r.Perplexity, r.KlDivergence, r.Top1Agreement, r.ThermalMaxC, r.ThrottledShare,
                r.AdmissionWaitMs, r.AdmissionForcedCount, r.IsVirtual, r.IsSimulated, r.Context, r.CreatedAt))
            .ToListAsync(cancellationToken);
    }
}
