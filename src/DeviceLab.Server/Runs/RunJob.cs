using DeviceLab.Core.Runs;
using DeviceLab.Server.Fleet;

namespace DeviceLab.Server.Runs;

/// <summary>
/// The part of a run one device does: all the run's variants, interleaved, under one lease. A retry (possibly on
/// another device of the pool) or a resumption after a server restart is a new <see cref="Attempt"/> of the same
/// job; results, token timings and samples are keyed by (job, attempt), so a repeated write of the same attempt
/// stores nothing twice. The fields here describe the newest attempt; <see cref="Attempts"/> keeps them all.
/// A job's results are those of its newest attempt (docs/decisions/0082).
/// </summary>
public sealed class RunJob
{
    public long Id { get; set; }

    public long RunId { get; set; }
    public Run Run { get; set; } = null!;

    public long DeviceId { get; set; }
    public Device Device { get; set; } = null!;

    public List<long> VariantIds { get; set; } = [];

    /// <summary>1 for the first try, +1 per retry.</summary>
    public int Attempt { get; set; } = 1;

    public RunJobStatus Status { get; set; }

    /// <summary>Machine-readable failure cause, e.g. <c>device_lost</c>, <c>agent_crashed</c>, <c>timeout</c>.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>The failure for people.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>Hangfire's id of the background job executing this attempt.</summary>
    public string? HangfireJobId { get; set; }

    /// <summary>Fencing token of the device lease this attempt holds (see DeviceLease).</summary>
    public long? LeaseFencingToken { get; set; }

    /// <summary>The attempt ended early but kept what it measured (flagged everywhere it is shown).</summary>
    public bool IsPartial { get; set; }

    /// <summary>Set when a user asked to cancel; the attempt running on the lab host stops the agent and ends as cancelled.</summary>
    public DateTimeOffset? CancelRequestedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Every attempt, with its device and outcome (<see cref="Attempt"/> is the newest).</summary>
    public List<RunJobAttempt> Attempts { get; set; } = [];
}
