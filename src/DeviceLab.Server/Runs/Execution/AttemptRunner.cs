using System.Text.Json.Nodes;
using DeviceLab.Adb;
using DeviceLab.Core.Live;
using DeviceLab.Server.Fleet.Discovery;
using DeviceLab.Server.Leases;
using DeviceLab.Server.Runs.Execution.Device;
using DeviceLab.Server.Runs.Ingestion;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Runs one attempt that holds its device's lease, over ADB: prepare the device (files, noise settings), start the
/// agent over shell v2, store its events as they stream, then end the attempt — whatever happened — in one fenced
/// transaction that gives the lease back. The lease is renewed meanwhile; losing it, a cancel request, a phase
/// limit or the host shutting down stop the agent (the shell stream is closed; on a phone it is also killed by pid).
/// </summary>
public sealed class AttemptRunner(
    LabHostAdbServer adb, DeviceLeases leases, AttemptPreparation preparation, AttemptProgress progress, AttemptCompletion completion, LeaseKeeper keeper,
    IngestionWriter writer, IOptions<RunOptions> options, TimeProvider time, ILogger<AttemptRunner> logger)
{
    public async Task RunAsync(AttemptPlan plan, LeaseHandle lease, AttemptStop stop, string? hangfireJobId)
    {
        var device = adb.Client.Device(plan.Serial);
        using var background = new CancellationTokenSource();
        var keeping = keeper.KeepAsync(lease, stop);
        JsonArray settings = [];
        AttemptIngestion? ingestion = null;
        AgentInvocation? invocation = null;
        AttemptOutcome? outcome;
        try
        {
            await progress.MarkRunningAsync(plan, lease, hangfireJobId, stop.Token);
            await progress.PublishStepAsync(plan, JobSteps.Pushing, stop.Token);
            var prepared = await preparation.PrepareAsync(device, plan, stop.Token);
            invocation = prepared.Invocation;
            if (options.Value.ApplyNoiseSettings)
            {
                await progress.PublishStepAsync(plan, JobSteps.ApplyingSettings, stop.Token);
                settings = await NoiseSettings.ApplyAsync(device, stop.Token);
            }
            await progress.RecordPreparationAsync(plan, lease, new JsonObject
            {
                ["files"] = AttemptPreparation.Describe(prepared.Transfers), ["device_settings"] = settings.DeepClone(),
                ["agent_version"] = prepared.AgentVersion, ["command"] = AgentCommand.Build(invocation).CommandLine,
            }, stop.Token);

            var watchdog = new PhaseWatchdog(plan.Limits, stop, time);
            ingestion = AttemptIngestion.Start(Target(plan, lease, settings), writer, options.Value.IngestionBatchMaxEvents, watchdog.OnEvent);
            _ = watchdog.WatchAsync(background.Token);
            logger.LogInformation("{Plan}: starting the agent", plan);
            var exit = await AdbAgentRun.RunAsync(device, AgentCommand.Build(invocation), ingestion, time, stop.Token);
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
            if (outcome?.ErrorCode is not Core.Runs.RunJobErrorCodes.DeviceLost && invocation is not null) await AdbAgentRun.KillAsync(device, invocation.PidFile);
        }
        finally
        {
            await background.CancelAsync();
        }
        if (ingestion is not null) await ingestion.DisposeAsync();

        if (outcome is null)
        {
            logger.LogWarning("{Plan} lost its lease: it stopped and wrote nothing more (the reclaimer resumes the job)", plan);
            await StopKeepingAsync(stop, keeping);
            return;
        }
        if (settings.Count > 0 && outcome.ErrorCode is not Core.Runs.RunJobErrorCodes.DeviceLost) await RestoreAsync(device, settings, plan);
        logger.LogInformation("{Plan} ended: {Outcome}", plan, outcome);
        await FinishAsync(plan, lease, outcome);
        await StopKeepingAsync(stop, keeping);
        stop.Shutdown.ThrowIfCancellationRequested(); // Hangfire requeues the job; the next delivery resumes it
    }

    private static IngestionTarget Target(AttemptPlan plan, LeaseHandle lease, JsonArray settings) => new(
        plan.RunId, plan.RunJobId, plan.Attempt, plan.DeviceId, lease,
        plan.Variants.ToDictionary(v => v.Label, v => new IngestedVariant(v.VariantId, v.Label, v.Sha256)),
        plan.RepetitionsTotal, plan.DeviceIsVirtual,
        new JsonObject
        {
            ["lab_host"] = plan.LabHost, ["device_id"] = plan.DeviceId, ["serial"] = plan.Serial,
            ["run_job_id"] = plan.RunJobId, ["attempt"] = plan.Attempt, ["device_settings"] = settings.DeepClone(),
        });

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
        catch (Exception e) when (e is LeaseLostException or Npgsql.NpgsqlException)
        {
            logger.LogWarning("{Plan}: events received before it stopped could not be stored: {Error}", plan, e.Message);
        }
    }

    private async Task RestoreAsync(AdbDevice device, JsonArray settings, AttemptPlan plan)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            foreach (var problem in await NoiseSettings.RestoreAsync(device, settings, timeout.Token))
                logger.LogWarning("{Plan}: could not restore device setting {Problem}", plan, problem);
        }
        catch (Exception e) when (e is AdbException or OperationCanceledException)
        {
            logger.LogWarning("{Plan}: restoring device settings failed: {Error}", plan, e.Message);
        }
    }

    private static async Task StopKeepingAsync(AttemptStop stop, Task keeping)
    {
        stop.Stop(new StopReason.Cancelled("attempt ended"));
        await keeping;
    }
}
