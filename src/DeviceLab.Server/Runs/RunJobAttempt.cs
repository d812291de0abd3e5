using System.Text.Json;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Fleet;

namespace DeviceLab.Server.Runs;

/// <summary>
/// One try of a run job on one device: the first, a retry after a failure (perhaps on another device of the
/// pool), or a resumption after its lab host restarted. Everything the attempt stored — results, token timings,
/// samples — is keyed by (run job, <see cref="Attempt"/>), so history explains what happened and a later attempt
/// never mixes with an earlier one.
/// </summary>
public sealed class RunJobAttempt
{
    public long Id { get; set; }

    public long RunJobId { get; set; }
    public RunJob RunJob { get; set; } = null!;

    /// <summary>1, 2, 3 … within the job.</summary>
    public int Attempt { get; set; }

    public long DeviceId { get; set; }
    public Device Device { get; set; } = null!;

    public RunJobAttemptStatus Status { get; set; }

    /// <summary>Why it failed (<see cref="RunJobErrorCodes"/>).</summary>
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }

    /// <summary>Ended early: what it stored is incomplete and flagged wherever it is shown.</summary>
    public bool IsPartial { get; set; }

    /// <summary>Fencing token of the device lease it held; every write of the attempt is checked against it.</summary>
    public long? LeaseFencingToken { get; set; }

    /// <summary>Hangfire's id of the background job that ran (or runs) it.</summary>
    public string? HangfireJobId { get; set; }

    /// <summary>The agent's exit code when it ended (ADB mode); null while running or when the stream was cut.</summary>
    public int? AgentExitCode { get; set; }

    /// <summary>Highest agent event sequence number such that every event up to it is stored (the agent hub acknowledges it).</summary>
    public long StoredThroughSeq { get; set; }

    public int RepetitionsDone { get; set; }
    public int RepetitionsTotal { get; set; }

    /// <summary>The agent's hello event as it sent it: device fingerprint, agent and engine versions, parameters, variants.</summary>
    public JsonElement? AgentHello { get; set; }

    /// <summary>What preparing the device did: files pushed or already present (sha256, bytes, ms), settings applied or unsupported.</summary>
    public JsonElement? Preparation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
