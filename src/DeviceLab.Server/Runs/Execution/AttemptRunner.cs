using System.Text.Json.Nodes;
using DeviceLab.Server.Leases;
using DeviceLab.Server.Runs.Ingestion;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Runs one attempt that holds its device's lease, through the device's <see cref="IAgentTransport"/>: prepare the
/// device, start the agent, store its events as they stream (fenced by the lease), then end the attempt — whatever
/// happened — in one fenced transaction that gives the lease back. The lease is renewed meanwhile; losing it, a cancel
/// request, a phase limit or the host shutting down stop the agent.
/// </summary>
public sealed class AttemptRunner(
    IEnumerable<IAgentTransport> transports, DeviceLeases leases, AttemptProgress progress, AttemptCompletion completion, LeaseKeeper keeper,
    IngestionWriter writer, IOptions<RunOptions> options, TimeProvider time, ILogger<AttemptRunner> logger)
{
    public async Task RunAsync(AttemptPlan plan, LeaseHandle lease, AttemptStop stop, string? hangfireJobId)
    {
        var transport = transports.SingleOrDefault(t => t.Transport == plan.Transport);
        using var background = new CancellationTokenSource();
        var keeping = keeper.KeepAsync(lease, stop);
        AttemptIngestion? ingestion = null;
        PreparedAgent? prepared = null;
        AttemptOutcome? outcome;
        try
        {
            await progress.MarkRunningAsync(plan, lease, hangfireJobId, stop.Token);
            if (transport is null) throw new InvalidOperationException($"this lab host cannot reach {plan.Transport} devices");
            prepared = await transport.PrepareAsync(plan, stop.Token);
            await progress.RecordPreparationAsync(plan, lease, prepared.Record, stop.Token);

            var watchdog = new PhaseWatchdog(plan.Limits, transport.StartupLimit(plan), stop, time);
            ingestion = AttemptIngestion.Start(Target(plan, lease, prepared.Context), writer, options.Value.IngestionBatchMaxEvents, watchdog.OnEvent);
            _ = watchdog.WatchAsync(background.Token);
            logger.LogInformation("{Plan}: starting the agent", plan);
            var exit = await transport.RunAsync(plan, prepared, ingestion, stop.Token);
            await ingestion.CompleteAsync();
            outcome = stop.Reason is null ? OutcomeClassifier.FromExit(exit, ingestion.Tally, plan) : OutcomeClassifier.FromException(new OperationCanceledException(), stop);
        }
        catch (AttemptNoLongerQueuedException e)
        {
            logger.LogInformation("{Plan}: {Reason}; giving the device back", plan, e.Message);
            await leases.ReleaseAsync(lease, $"{plan} ended while it waited", CancellationToken.None);
            await StopKeepingAsync(stop, keeping);
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            outcome = OutcomeClassifier.FromException(e, stop);
            if (ingestion is not null) await FlushAsync(ingestion, plan);
        }
        finally
        {
            await background.CancelAsync();
        }
        if (ingestion is not null) await ingestion.DisposeAsync();
        if (outcome is not null && transport is not null && prepared is not null) await transport.CleanUpAsync(plan, prepared, outcome);

        if (outcome is null)
        {
            logger.LogWarning("{Plan} lost its lease: it stopped and wrote nothing more (the reclaimer resumes the job)", plan);
            await StopKeepingAsync(stop, keeping);
            return;
        }
        logger.LogInformation("{Plan} ended: {Outcome}", plan, outcome);
        await FinishAsync(plan, lease, outcome);
        await StopKeepingAsync(stop, keeping);
        stop.Shutdown.ThrowIfCancellationRequested(); // Hangfire requeues the job; the next delivery resumes it
    }

    private static IngestionTarget Target(AttemptPlan plan, LeaseHandle lease, JsonObject transportContext)
    {
        var context = new JsonObject
        {
            ["lab_host"] = plan.LabHost, ["device_id"] = plan.DeviceId, ["serial"] = plan.Serial, ["run_job_id"] = plan.RunJobId, ["attempt"] = plan.Attempt,
        };
        foreach (var (key, value) in transportContext) context[key] = value?.DeepClone();
        return new IngestionTarget(plan.RunId, plan.RunJobId, plan.Attempt, plan.DeviceId, lease,
            plan.Variants.ToDictionary(v => v.Label, v => new IngestedVariant(v.VariantId, v.Label, v.Sha256)),
            plan.RepetitionsTotal, plan.DeviceIsVirtual, context);
    }

    private async Task FinishAsync(AttemptPlan plan, LeaseHandle lease, AttemptOutcome outcome)
    {
        try
        {
            // Not cancellable: the attempt's end must be stored even while the host shuts down.
            var effects = await completion.FinishAsync(plan, lease, outcome, CancellationToken.None);
            await completion.AfterCommitAsync(effects, CancellationToken.None);
        }
        catch (LeaseLostException e)
        {
            logger.LogWarning("{Plan} could not record its end: {Error}", plan, e.Message);
        }
    }

    private async Task FlushAsync(AttemptIngestion ingestion, AttemptPlan plan)
    {
        try
        {
            await ingestion.CompleteAsync();
        }
        catch (Exception e) when (e is LeaseLostException or Npgsql.NpgsqlException or MalformedAgentEventException)
        {
            logger.LogWarning("{Plan}: events received before it stopped could not be stored: {Error}", plan, e.Message);
        }
    }

    private static async Task StopKeepingAsync(AttemptStop stop, Task keeping)
    {
        stop.Stop(new StopReason.Cancelled("attempt ended"));
        await keeping;
    }
}
