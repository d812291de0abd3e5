using System.Text.Json.Nodes;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Models;
using DeviceLab.Server.Runs;
using DeviceLab.Server.Runs.Execution;
using DeviceLab.Server.Runs.Execution.Device;
using DeviceLab.Server.Runs.Ingestion;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Agents;

/// <summary>
/// Networked devices: the job goes to the device's agent over the agent hub (<c>AssignJob</c>), the agent downloads the
/// variants itself and streams its events back through <see cref="AgentHub"/> into the attempt's ingestion; the attempt
/// ends with the agent's <c>CompleteJob</c>. An agent away longer than <see cref="AgentHubOptions.ReconnectLimitSeconds"/>
/// is a lost device; stopping the attempt sends <c>CancelJob</c>.
/// </summary>
public sealed class NetworkAgentTransport(
    AgentConnections connections, AgentSessions sessions, IHubContext<AgentHub, IAgentHubClient> hub, ArtifactStore store, AttemptProgress progress,
    IOptions<AgentHubOptions> options, IOptions<RunOptions> runOptions, TimeProvider time, ILogger<NetworkAgentTransport> logger) : IAgentTransport
{
    public DeviceTransport Transport => DeviceTransport.Network;

    // The agent downloads the variants after it accepts the job and says hello only then: each file gets the push limit
    // an ADB push would have, and starting after that the usual admission wait (docs/decisions/0140).
    public TimeSpan? StartupLimit(AttemptPlan plan) => plan.Limits.Push * Math.Max(1, plan.Variants.Count) + plan.Limits.Admission;

    public async Task<PreparedAgent> PrepareAsync(AttemptPlan plan, CancellationToken cancellationToken)
    {
        await progress.PublishStepAsync(plan, Core.Live.JobSteps.Preparing, cancellationToken);
        var presence = connections.For(plan.DeviceId).Snapshot();
        if (presence.ConnectionId is null || presence.Registration is not { } registration)
            throw new DeviceLostException($"the agent of device {plan.Serial} is not connected to lab host {plan.LabHost}");
        foreach (var variant in plan.Variants)
        {
            if (store.Find(variant.Sha256) is null)
                throw new VariantUnavailableException($"variant {variant.VariantId} ({variant.Sha256[..12]}…) is missing from the artifact store");
        }
        var job = NetworkJobs.Build(plan, runOptions.Value.TelemetryIntervalMs);
        var record = new JsonObject
        {
            ["transport"] = "network", ["job_id"] = job.JobId, ["agent_version"] = registration.AgentVersion, ["engine_version"] = registration.EngineVersion,
            ["files"] = new JsonArray([.. job.Variants.Select(v => (JsonNode)new JsonObject
            {
                ["kind"] = "variant", ["label"] = v.Label, ["sha256"] = v.Sha256, ["size_bytes"] = v.SizeBytes, ["download_url"] = v.DownloadUrl,
            })]),
            ["evaluation_text_url"] = job.EvaluationTextUrl,
        };
        // Networked agents change no device settings: results say so instead of listing none.
        return new PreparedAgent(record, new JsonObject { ["transport"] = "network", ["device_settings"] = "not applied (networked agent)" }, job);
    }

    public async Task<AgentExit> RunAsync(AttemptPlan plan, PreparedAgent prepared, AttemptIngestion ingestion, CancellationToken cancellationToken)
    {
        var job = (AgentJob)prepared.State!;
        var session = new AgentSession(new AgentJobId(plan.RunJobId, plan.Attempt), plan.DeviceId, job, ingestion);
        sessions.Add(session);
        try
        {
            var outcome = await FollowAsync(plan, session, cancellationToken);
            var missing = outcome.LastSeq > ingestion.StoredThroughSeq
                ? $"the agent reported {outcome.LastSeq} events but the server has them only through {ingestion.StoredThroughSeq}"
                : "";
            return new AgentExit(outcome.ExitCode, missing);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelAgentAsync(session.JobId, plan.DeviceId, "the attempt was stopped by the server");
            throw;
        }
        finally
        {
            await session.CloseAsync();
            sessions.Remove(session);
        }
    }

    public async Task CleanUpAsync(AttemptPlan plan, PreparedAgent prepared, AttemptOutcome outcome)
    {
        if (outcome.Status == RunJobAttemptStatus.Succeeded || outcome.ErrorCode is RunJobErrorCodes.DeviceLost) return;
        await CancelAgentAsync(new AgentJobId(plan.RunJobId, plan.Attempt), plan.DeviceId, outcome.ErrorMessage ?? outcome.Status.ToString());
    }

    /// <summary>Hands the job to the agent (again on every new connection until it has started) and waits for its end.</summary>
    private async Task<AgentJobOutcome> FollowAsync(AttemptPlan plan, AgentSession session, CancellationToken cancellationToken)
    {
        var presence = connections.For(plan.DeviceId);
        var limit = TimeSpan.FromSeconds(options.Value.ReconnectLimitSeconds);
        string? assignedTo = null;
        while (true)
        {
            var now = presence.Snapshot();
            if (now.ConnectionId is { } connection && connection != assignedTo && !session.HasEvents)
            {
                logger.LogInformation("{Plan}: assigning job {JobId} to the agent", plan, session.JobId);
                await hub.Clients.Client(connection).AssignJob(session.Job);
                assignedTo = connection;
            }
            var away = TimeSpan.Zero;
            if (now.ConnectionId is null)
            {
                away = time.GetUtcNow() - now.AwaySince;
                if (away >= limit)
                    throw new DeviceLostException($"the agent of device {plan.Serial} disconnected {away.TotalSeconds:0.#} s ago and did not come back within {limit.TotalSeconds:0.#} s");
            }
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timer = Task.Delay(now.ConnectionId is null ? limit - away : Timeout.InfiniteTimeSpan, time, wake.Token);
            await Task.WhenAny(session.Ended, now.Changed, timer);
            await wake.CancelAsync();
            if (session.Ended.IsCompleted) return await session.Ended;
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task CancelAgentAsync(AgentJobId jobId, long deviceId, string reason)
    {
        if (connections.For(deviceId).Snapshot().ConnectionId is not { } connection) return;
        try
        {
            await hub.Clients.Client(connection).CancelJob(new AgentJobCancellation(jobId.ToString(), reason));
        }
        catch (Exception e)
        {
            logger.LogDebug("Could not tell device {DeviceId} to cancel job {JobId}: {Error}", deviceId, jobId, e.Message);
        }
    }
}
