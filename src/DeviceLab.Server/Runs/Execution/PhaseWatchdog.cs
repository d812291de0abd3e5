using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Holds the agent to its phase limits while it runs: the whole benchmark, and each wait for admission — from the
/// start (or the end of a repetition) to the next phase start, while the agent polls battery and temperature.
/// Fed every accepted event; stops the attempt with <see cref="StopReason.Timeout"/> naming the phase.
/// </summary>
public sealed class PhaseWatchdog(PhaseLimits limits, AttemptStop stop, TimeProvider time)
{
    private readonly object _gate = new();
    private long _admissionSince = time.GetTimestamp();
    private bool _inPhase;

    public void OnEvent(AgentEvent agentEvent)
    {
        if (agentEvent is not PhaseEvent phase) return;
        lock (_gate)
        {
            _inPhase = phase.Edge == PhaseEdge.Start;
            if (!_inPhase) _admissionSince = time.GetTimestamp();
        }
    }

    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (time.GetElapsedTime(started) > limits.Benchmark)
                {
                    stop.Stop(new StopReason.Timeout("benchmark", $"the benchmark ran longer than its limit of {limits.Benchmark.TotalSeconds:0} s"));
                    return;
                }
                bool waiting;
                long since;
                lock (_gate) (waiting, since) = (!_inPhase, _admissionSince);
                if (waiting && time.GetElapsedTime(since) > limits.Admission)
                {
                    stop.Stop(new StopReason.Timeout("admission", $"no repetition started for {limits.Admission.TotalSeconds:0} s (admission / cool-down limit)"));
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
