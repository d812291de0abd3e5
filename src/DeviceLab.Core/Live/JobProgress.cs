using DeviceLab.Core.Runs;

namespace DeviceLab.Core.Live;

/// <summary>One run job (a device running the run's variants) moved on: a new status, step or attempt, or more repetitions done.</summary>
/// <param name="RunId">The run.</param>
/// <param name="RunJobId">The job.</param>
/// <param name="Attempt">The attempt (1 for the first try, +1 per retry or resumption).</param>
/// <param name="DeviceId">The device this attempt runs on.</param>
/// <param name="Status">The job's status.</param>
/// <param name="Step">What the attempt is doing (<see cref="JobSteps"/>); null when it is not running.</param>
/// <param name="RepetitionsDone">Measured repetitions finished so far, over all variants.</param>
/// <param name="RepetitionsTotal">Measured repetitions the attempt will run (variants × repetitions).</param>
/// <param name="ErrorCode">Why it failed or was interrupted (<c>device_lost</c>, <c>agent_crashed</c>, <c>timeout</c> …).</param>
/// <param name="ErrorMessage">The same for people.</param>
/// <param name="IsPartial">The attempt ended early; what it measured is kept and flagged.</param>
/// <param name="At">When (UTC).</param>
public sealed record JobProgress(
    long RunId, long RunJobId, int Attempt, long DeviceId, RunJobStatus Status, string? Step,
    int RepetitionsDone, int RepetitionsTotal, string? ErrorCode, string? ErrorMessage, bool IsPartial, DateTimeOffset At);

/// <summary>Values of <see cref="JobProgress.Step"/>.</summary>
public static class JobSteps
{
    public const string WaitingForLease = "waiting_for_lease";
    public const string Preparing = "preparing";
    public const string Pushing = "pushing";
    public const string ApplyingSettings = "applying_settings";
    public const string Benchmarking = "benchmarking";
    public const string Finishing = "finishing";
}
