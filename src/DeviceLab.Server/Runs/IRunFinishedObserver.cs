namespace DeviceLab.Server.Runs;

/// <summary>
/// Told when a run reaches a terminal state (completed, failed, cancelled). Features that act after a run —
/// regression detection, alerts — implement it and register it in DI; the run pipeline calls every
/// registration once per run, after its final status is saved.
/// </summary>
public interface IRunFinishedObserver
{
    /// <param name="runId">The finished run.</param>
    /// <param name="cancellationToken">Stops the observer when the host shuts down.</param>
    Task OnRunFinishedAsync(long runId, CancellationToken cancellationToken);
}
