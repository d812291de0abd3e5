using DeviceLab.Core.Runs;

namespace DeviceLab.Core.Live;

/// <summary>A run's status or its jobs' tally changed.</summary>
/// <param name="RunId">The run.</param>
/// <param name="SuiteId">The suite it came from; null for an ad-hoc run.</param>
/// <param name="Status">The run's status, rolled up from its jobs.</param>
/// <param name="Jobs">How many jobs are in each state.</param>
/// <param name="At">When (UTC).</param>
public sealed record RunProgress(long RunId, long? SuiteId, RunStatus Status, RunJobTally Jobs, DateTimeOffset At);

/// <summary>Jobs of a run by state.</summary>
public sealed record RunJobTally(int Total, int Queued, int WaitingForDevice, int Running, int Succeeded, int Failed, int Cancelled);
