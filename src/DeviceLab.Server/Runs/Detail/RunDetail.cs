using DeviceLab.Core.Runs;
using DeviceLab.Core.Suites;

namespace DeviceLab.Server.Runs.Detail;

/// <summary>A run with its jobs, as the run page shows it.</summary>
public sealed record RunDetail(
    long Id, long? SuiteId, string? Suite, RunStatus Status, RunTrigger Trigger, string? RequestedBy,
    SuiteParameters Parameters, IReadOnlyDictionary<long, string> Variants, IReadOnlyList<long> VariantOrder,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, List<RunJobRow> Jobs)
{
    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;

    public string VariantName(long id) => Variants.TryGetValue(id, out var name) ? name : $"variant {id}";
}

/// <summary>One device's part of the run, with how far it got.</summary>
public sealed record RunJobRow
{
    public long Id { get; init; }
    public long DeviceId { get; init; }
    public required string Device { get; init; }
    public bool IsVirtual { get; init; }
    public RunJobStatus Status { get; set; }
    public int Attempt { get; set; }
    public string? Step { get; set; }
    public int RepetitionsDone { get; set; }
    public int RepetitionsTotal { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public bool IsPartial { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Time waited for admission (battery, temperature) before repetitions, ms, from stored results.</summary>
    public double AdmissionWaitMs { get; set; }

    /// <summary>Repetitions that ran without admission after the longest wait.</summary>
    public int AdmissionForced { get; set; }

    public bool IsFinished => Status is RunJobStatus.Succeeded or RunJobStatus.Failed or RunJobStatus.Cancelled;
}
