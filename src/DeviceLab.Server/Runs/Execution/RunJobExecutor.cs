using System.ComponentModel;
using DeviceLab.Server.Leases;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// The Hangfire job that runs one attempt of a run job on its lab host: decide (a re-delivery may resume or skip),
/// take the device's lease — waiting a bounded time in the worker when another job holds it, then giving the worker
/// back and rescheduling (docs/decisions/0081) — and run the attempt. Hangfire retries only when the database was
/// unreachable; everything else ends the attempt with a cause.
/// </summary>
public sealed class RunJobExecutor(
    AttemptBeginning beginning, AttemptPlanner planner, DeviceLeases leases, AttemptProgress progress, AttemptCompletion completion,
    AttemptRunner runner, RunJobQueue queue, RunningAttempts running, IOptions<LeaseOptions> leaseOptions, IOptions<RunOptions> runOptions,
    TimeProvider time, ILogger<RunJobExecutor> logger)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [2, 5, 10, 30, 60])]
    [DisplayName("Run job {0}, attempt {1}")]
    public async Task ExecuteAsync(long runJobId, int attempt, PerformContext? context, CancellationToken cancellationToken)
    {
        var hangfireJobId = context?.BackgroundJob.Id;
        var decision = await beginning.DecideAsync(runJobId, attempt, hangfireJobId, cancellationToken);
        switch (decision)
        {
            case AttemptDecision.Skip skip:
                logger.LogDebug("Nothing to do for run job {RunJobId} attempt {Attempt}: {Reason}", runJobId, attempt, skip.Reason);
                return;
            case AttemptDecision.Later later:
                logger.LogInformation("Run job {RunJobId} attempt {Attempt}: {Reason}; trying again in {Seconds:0} s", runJobId, attempt, later.Reason, later.Delay.TotalSeconds);
                await queue.EnqueueForAttemptAsync(runJobId, attempt, later.Delay, cancellationToken);
                return;
        }
        var run = (AttemptDecision.Run)decision;
        var plan = await planner.LoadAsync(run.RunJobId, run.Attempt, cancellationToken);
        using var stop = new AttemptStop(cancellationToken);
        using var registration = running.Register(runJobId, stop.CancelSource);
        using var cancelListener = stop.ListenForCancel();
        var lease = await AcquireAsync(plan, stop);
        if (lease is null) return;
        await runner.RunAsync(plan, lease, stop, hangfireJobId);
    }

    /// <summary>The lease, or null when the attempt was rescheduled, failed (device unavailable) or cancelled meanwhile.</summary>
    private async Task<LeaseHandle?> AcquireAsync(AttemptPlan plan, AttemptStop stop)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(leaseOptions.Value.WaitSeconds);
        var waiting = false;
        while (true)
        {
            if (stop.Reason is StopReason.Cancelled cancelled) return await EndUnstartedAsync(plan, AttemptOutcome.Cancelled(cancelled.Message));
            stop.Shutdown.ThrowIfCancellationRequested(); // still queued: Hangfire requeues it
            var result = await leases.TryAcquireAsync(plan.DeviceId, plan.RunJobId, plan.Attempt, stop.Shutdown);
            switch (result)
            {
                case LeaseAcquisition.Acquired acquired:
                    return acquired.Lease;
                case LeaseAcquisition.Unavailable unavailable
                    when unavailable.Quarantined || time.GetUtcNow() - plan.AttemptCreatedAt > TimeSpan.FromSeconds(runOptions.Value.DeviceOfflineGraceSeconds):
                    return await EndUnstartedAsync(plan, AttemptOutcome.Failed(Core.Runs.RunJobErrorCodes.DeviceOffline, unavailable.Reason));
            }
            if (!waiting)
            {
                waiting = true;
                await progress.MarkWaitingAsync(plan, stop.Shutdown);
                logger.LogInformation("{Plan} waits for its device: {Why}", plan, result);
            }
            if (time.GetUtcNow() >= deadline)
            {
                // Give the worker back: a device busy for an hour must not hold Hangfire workers for an hour.
                await queue.EnqueueForDeviceAsync(plan.RunJobId, plan.Attempt, plan.DeviceId, TimeSpan.FromSeconds(leaseOptions.Value.RescheduleSeconds), stop.Shutdown);
                return null;
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), time, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task<LeaseHandle?> EndUnstartedAsync(AttemptPlan plan, AttemptOutcome outcome)
    {
        logger.LogInformation("{Plan} ended before it started: {Outcome}", plan, outcome);
        var effects = await completion.FinishAsync(plan, lease: null, outcome, CancellationToken.None);
        await completion.AfterCommitAsync(effects, CancellationToken.None);
        return null;
    }
}
