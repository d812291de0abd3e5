using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Holds the agent to its phase limits while it runs: the whole benchmark, and each wait for admission — from the
/// start (or the end of a repetition) to the next phase start, while the agent polls battery and temperature.
/// Fed every accepted event; stops the attempt with <see cref="StopReason.Timeout"/> naming the phase.
/// </summary>
/// <remarks>
/// With a <c>startupLimit</c> (an agent that fetches its variants after it starts, ADR 0140), the time until the agent's
/// first event is the <c>startup</c> phase with that limit, and the benchmark and admission clocks start at that first
/// event: a slow download is judged by the push limits, not by the cool-down wait. Without one, the wait for the first
/// event is the first admission wait, as for an agent started over ADB with its files already pushed.
/// </remarks>
public sealed class PhaseWatchdog(PhaseLimits limits, TimeSpan? startupLimit, AttemptStop stop, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly long _created = time.GetTimestamp();
    private long _admissionSince = time.GetTimestamp();
    private long? _firstEventAt = startupLimit is null ? time.GetTimestamp() : null;
    private bool _inPhase;

    public void OnEvent(AgentEvent agentEvent)
    {
        lock (_gate)
        {
            if (_firstEventAt is null)
            {
                _firstEventAt = time.GetTimestamp();
                _admissionSince = _firstEventAt.Value;
            }
            if (agentEvent is not PhaseEvent phase) return;
            _inPhase = phase.Edge == PhaseEdge.Start;
            if (!_inPhase) _admissionSince = time.GetTimestamp();
        }
    }

    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (Overrun() is { } reason)
                {
                    stop.Stop(reason);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The phase that has run past its limit by now, if any (checked every 200 ms by <see cref="WatchAsync"/>).</summary>
    public StopReason.Timeout? Overrun()
    {
        bool waiting;
        long since;
        long? started;
        lock (_gate) (waiting, since, started) = (!_inPhase, _admissionSince, _firstEventAt);
        if (started is null)
        {
            return time.GetElapsedTime(_created) > startupLimit
                ? new StopReason.Timeout("startup", $"the agent sent nothing for {startupLimit!.Value.TotalSeconds:0} s after it was started " +
                                                    "(fetching its variants and starting: push limit per file plus the admission limit)")
                : null;
        }
        if (time.GetElapsedTime(started.Value) > limits.Benchmark)
            return new StopReason.Timeout("benchmark", $"the benchmark ran longer than its limit of {limits.Benchmark.TotalSeconds:0} s");
        if (waiting && time.GetElapsedTime(since) > limits.Admission)
            return new StopReason.Timeout("admission", $"no repetition started for {limits.Admission.TotalSeconds:0} s (admission / cool-down limit)");
        return null;
    }
}
