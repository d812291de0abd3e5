using DeviceLab.Core.AgentProtocol;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Leases;
using DeviceLab.Server.Runs.Execution;
using DeviceLab.Server.Runs.Ingestion;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Agents;

/// <summary>
/// The agent hub at <see cref="AgentHubContract.Path"/> (docs/decisions/0140): networked agents sign in with their device
/// token, register, and stream the events of the job the server assigned them. The device is always the token's — what
/// an agent claims never chooses it — and a job's events are accepted only from the device that runs it.
/// </summary>
[Authorize(Policy = DeviceLabPolicies.AgentDevice)]
public sealed class AgentHub(
    NetworkDevices devices, AgentConnections connections, AgentSessions sessions, AgentJobOwnership ownership, IOptions<AgentHubOptions> options,
    TimeProvider time, ILogger<AgentHub> logger) : Hub<IAgentHubClient>, IAgentHub
{
    private const string RegisteredItem = "devicelab:registered_device";

    public async Task Register(AgentRegistration registration)
    {
        if (registration?.Device is null || string.IsNullOrWhiteSpace(registration.AgentVersion))
            throw new HubException("Register needs the device's fingerprint (device) and the agent's version (agent_version).");
        var deviceId = await CurrentDeviceAsync();
        try
        {
            await devices.RegisterAsync(deviceId, registration, Context.ConnectionAborted);
        }
        catch (NetworkDeviceException e)
        {
            throw new HubException(e.Message);
        }
        Context.Items[RegisteredItem] = deviceId;
        connections.For(deviceId).Registered(Context.ConnectionId, registration);
        logger.LogInformation("Agent {AgentVersion} registered for device {DeviceId} ({Model}), running job {JobId}",
            registration.AgentVersion, deviceId, registration.Device.Model, registration.RunningJobId ?? "none");
        if (sessions.ForDevice(deviceId) is { HasEvents: true } session && registration.RunningJobId != session.JobId.ToString())
            session.Fail(new DeviceLostException($"the agent of device {deviceId} came back without job {session.JobId} (it restarted?): what it measured before is kept"));
    }

    public async Task<AgentEventAck> PublishEvents(AgentEventBatch batch)
    {
        if (batch?.Lines is null || batch.JobId is null) throw new HubException("PublishEvents needs job_id and lines.");
        if (batch.Lines.Count > options.Value.MaxBatchLines)
            throw new HubException($"A batch holds at most {options.Value.MaxBatchLines} lines; this one has {batch.Lines.Count}.");
        var (jobId, session) = await SessionOfAsync(batch.JobId);
        if (session is null) return Dropped(batch, jobId);
        try
        {
            var stored = await session.PublishAsync(batch.Lines, time.GetUtcNow(), Context.ConnectionAborted);
            return new AgentEventAck(batch.JobId, stored);
        }
        catch (MalformedAgentEventException e)
        {
            logger.LogWarning("Device {DeviceId} sent a malformed batch for job {JobId}: {Error}", session.DeviceId, jobId, e.Message);
            throw new HubException($"{e.Message} — nothing of this batch was stored; job {jobId} ends as malformed_events.");
        }
        catch (AgentSessionEndedException)
        {
            return Dropped(batch, jobId);
        }
        catch (Exception e) when (e is LeaseLostException or InvalidOperationException)
        {
            throw new HubException($"the events of job {jobId} could not be stored: {e.Message}");
        }
    }

    public async Task CompleteJob(AgentJobOutcome outcome)
    {
        if (outcome?.JobId is null) throw new HubException("CompleteJob needs job_id, exit_code and last_seq.");
        var (jobId, session) = await SessionOfAsync(outcome.JobId);
        if (session is null)
        {
            logger.LogInformation("Device {DeviceId} ended job {JobId} after its attempt had ended (exit {ExitCode})", DeviceId(), jobId, outcome.ExitCode);
            return;
        }
        session.Complete(outcome);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(RegisteredItem, out var value) && value is long deviceId)
            connections.Disconnected(deviceId, Context.ConnectionId, exception);
        return Task.CompletedTask;
    }

    /// <summary>The running session of the job when it is this device's; null when it is this device's job that already ended.</summary>
    /// <exception cref="HubException">Not a job of this device (or not one at all): the same answer either way.</exception>
    private async Task<(AgentJobId JobId, AgentSession? Session)> SessionOfAsync(string jobIdText)
    {
        var deviceId = await CurrentDeviceAsync();
        if (!Context.Items.ContainsKey(RegisteredItem)) throw new HubException("Register first: the agent has not registered on this connection.");
        var notYours = new HubException($"job '{Shorten(jobIdText)}' is not a job of device {deviceId}.");
        if (AgentJobId.Parse(jobIdText) is not { } jobId) throw notYours;
        if (sessions.Find(jobId) is { } session)
        {
            if (session.DeviceId != deviceId)
            {
                logger.LogWarning("Device {DeviceId} spoke for job {JobId} of device {Owner}: refused", deviceId, jobId, session.DeviceId);
                throw notYours;
            }
            return (jobId, session);
        }
        if (await ownership.IsEndedJobOfAsync(deviceId, jobId, Context.ConnectionAborted)) return (jobId, null);
        throw notYours;
    }

    /// <summary>Events of an attempt that already ended (cancelled, timed out, lost): acknowledged so the agent can finish, not stored.</summary>
    private AgentEventAck Dropped(AgentEventBatch batch, AgentJobId jobId)
    {
        long last = 0;
        long line = 0;
        foreach (var text in batch.Lines)
        {
            if (AgentEventParser.Parse(text, ++line).Event is { } e) last = Math.Max(last, e.Seq);
        }
        logger.LogInformation("Dropped {Count} late event(s) of ended job {JobId}", batch.Lines.Count, jobId);
        return new AgentEventAck(batch.JobId, last);
    }

    private long DeviceId() => DeviceLabClaims.DeviceIdOf(Context.User!) ?? throw new HubException("Only a device token may use the agent hub.");

    /// <summary>The calling device, after checking its token was not revoked since the connection opened (then the connection ends).</summary>
    private async Task<long> CurrentDeviceAsync()
    {
        var deviceId = DeviceId();
        if (long.TryParse(Context.User!.FindFirst(DeviceLabClaims.DeviceTokenId)?.Value, out var tokenId) &&
            await ownership.IsTokenValidAsync(tokenId, Context.ConnectionAborted)) return deviceId;
        logger.LogWarning("Device {DeviceId} used a revoked token on the agent hub: connection closed", deviceId);
        Context.Abort();
        throw new HubException($"The device token of device {deviceId} was revoked.");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
