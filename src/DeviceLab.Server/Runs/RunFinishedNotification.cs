using Hangfire;

namespace DeviceLab.Server.Runs;

/// <summary>
/// Calls every registered <see cref="IRunFinishedObserver"/> once for a finished run, as a Hangfire job on the
/// default queue (it survives a restart between the run's end and the call). Not retried: an observer that fails
/// is logged and does not make the others run twice.
/// </summary>
public sealed class RunFinishedNotification(IEnumerable<IRunFinishedObserver> observers, ILogger<RunFinishedNotification> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task NotifyAsync(long runId, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.OnRunFinishedAsync(runId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogError(e, "Run-finished observer {Observer} failed for run {RunId}", observer.GetType().Name, runId);
            }
        }
    }
}
