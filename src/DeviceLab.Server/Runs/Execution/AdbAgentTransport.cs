using System.Text.Json.Nodes;
using DeviceLab.Adb;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Fleet.Discovery;
using DeviceLab.Server.Runs.Execution.Device;
using DeviceLab.Server.Runs.Ingestion;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// ADB devices: the agent build and variants pushed unless the device has them, noise settings applied (and put back
/// afterwards), the agent started over shell v2 with its stdout streamed into the attempt's ingestion; stopping
/// closes the shell stream and, on a phone, kills the agent by the pid it wrote. Any ADB failure is a lost device.
/// </summary>
public sealed class AdbAgentTransport(
    LabHostAdbServer adb, AttemptPreparation preparation, AttemptProgress progress, IOptions<RunOptions> options, TimeProvider time,
    ILogger<AdbAgentTransport> logger) : IAgentTransport
{
    private sealed record State(AgentInvocation Invocation, JsonArray Settings);

    public DeviceTransport Transport => DeviceTransport.Adb;

    // The files are pushed in PrepareAsync, before the agent starts: its first event follows at once.
    public TimeSpan? StartupLimit(AttemptPlan plan) => null;

    public async Task<PreparedAgent> PrepareAsync(AttemptPlan plan, CancellationToken cancellationToken)
    {
        var device = adb.Client.Device(plan.Serial);
        try
        {
            await progress.PublishStepAsync(plan, Core.Live.JobSteps.Pushing, cancellationToken);
            var prepared = await preparation.PrepareAsync(device, plan, cancellationToken);
            JsonArray settings = [];
            if (options.Value.ApplyNoiseSettings)
            {
                await progress.PublishStepAsync(plan, Core.Live.JobSteps.ApplyingSettings, cancellationToken);
                settings = await NoiseSettings.ApplyAsync(device, cancellationToken);
            }
            var record = new JsonObject
            {
                ["files"] = AttemptPreparation.Describe(prepared.Transfers), ["device_settings"] = settings.DeepClone(),
                ["agent_version"] = prepared.AgentVersion, ["command"] = AgentCommand.Build(prepared.Invocation).CommandLine,
            };
            return new PreparedAgent(record, new JsonObject { ["device_settings"] = settings.DeepClone() }, new State(prepared.Invocation, settings));
        }
        catch (AdbException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeviceLostException($"the device went away: {e.Message}", e);
        }
    }

    public async Task<AgentExit> RunAsync(AttemptPlan plan, PreparedAgent prepared, AttemptIngestion ingestion, CancellationToken cancellationToken)
    {
        var state = (State)prepared.State!;
        try
        {
            return await AdbAgentRun.RunAsync(adb.Client.Device(plan.Serial), AgentCommand.Build(state.Invocation), ingestion, time, cancellationToken);
        }
        catch (AdbException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeviceLostException($"the device went away: {e.Message}", e);
        }
    }

    public async Task CleanUpAsync(AttemptPlan plan, PreparedAgent prepared, AttemptOutcome outcome)
    {
        if (outcome.ErrorCode is RunJobErrorCodes.DeviceLost) return; // nothing to talk to
        var state = (State)prepared.State!;
        var device = adb.Client.Device(plan.Serial);
        if (outcome.Status != RunJobAttemptStatus.Succeeded) await AdbAgentRun.KillAsync(device, state.Invocation.PidFile);
        if (state.Settings.Count == 0) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            foreach (var problem in await NoiseSettings.RestoreAsync(device, state.Settings, timeout.Token))
                logger.LogWarning("{Plan}: could not restore device setting {Problem}", plan, problem);
        }
        catch (Exception e) when (e is AdbException or OperationCanceledException)
        {
            logger.LogWarning("{Plan}: restoring device settings failed: {Error}", plan, e.Message);
        }
    }
}
