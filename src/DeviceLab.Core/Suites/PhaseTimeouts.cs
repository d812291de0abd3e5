namespace DeviceLab.Core.Suites;

/// <summary>
/// Longest time each phase of a run job may take on a device; a null phase uses the server's default
/// (<c>DeviceLab:Runs:Timeouts</c>). Exceeding one fails the attempt with <c>timeout</c>, naming the phase.
/// </summary>
/// <param name="PushSeconds">Pushing one file (agent build or variant) to the device.</param>
/// <param name="AdmissionSeconds">Waiting between repetitions for the agent's admission (cool-down) to let the next one start.</param>
/// <param name="BenchmarkSeconds">The agent's whole run, from start to exit.</param>
public sealed record PhaseTimeouts(int? PushSeconds = null, int? AdmissionSeconds = null, int? BenchmarkSeconds = null);
