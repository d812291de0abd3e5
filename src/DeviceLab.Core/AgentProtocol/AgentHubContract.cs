namespace DeviceLab.Core.AgentProtocol;

/// <summary>
/// The agent hub (SignalR, JSON protocol with <see cref="AgentProtocolJsonContext"/> registered on both ends):
/// networked devices (iPhones, devices without ADB) connect here with a device token, receive jobs and stream
/// the same JSON-lines events the ADB-mode agent writes to stdout.
/// </summary>
/// <remarks>
/// Conversation: connect (device token as bearer, <c>access_token</c> query for WebSockets) →
/// <see cref="Register"/> → the server calls <see cref="IAgentHubClient.AssignJob"/> when it has work →
/// the agent downloads the variants over HTTP (bearer token, Range supported) and calls
/// <see cref="PublishEvents"/> with batches of event lines; the reply acknowledges every sequence number
/// stored so far → <see cref="CompleteJob"/> once every event is acknowledged. After a drop the agent
/// reconnects with back-off, registers again and re-sends every unacknowledged event; the server ignores
/// sequence numbers it already has.
/// </remarks>
public static class AgentHubContract
{
    /// <summary>Route of the hub on the server.</summary>
    public const string Path = "/hubs/agent";

    /// <summary>Client → server: <c>Task Register(AgentRegistration)</c>.</summary>
    public const string Register = nameof(IAgentHub.Register);

    /// <summary>Client → server: <c>Task&lt;AgentEventAck&gt; PublishEvents(AgentEventBatch)</c>.</summary>
    public const string PublishEvents = nameof(IAgentHub.PublishEvents);

    /// <summary>Client → server: <c>Task CompleteJob(AgentJobOutcome)</c>.</summary>
    public const string CompleteJob = nameof(IAgentHub.CompleteJob);

    /// <summary>Server → client: <c>AssignJob(AgentJob)</c>.</summary>
    public const string AssignJob = nameof(IAgentHubClient.AssignJob);

    /// <summary>Server → client: <c>CancelJob(AgentJobCancellation)</c>.</summary>
    public const string CancelJob = nameof(IAgentHubClient.CancelJob);
}

/// <summary>Methods the server's agent hub offers (implement on <c>Hub&lt;IAgentHubClient&gt;</c>).</summary>
public interface IAgentHub
{
    Task Register(AgentRegistration registration);
    Task<AgentEventAck> PublishEvents(AgentEventBatch batch);
    Task CompleteJob(AgentJobOutcome outcome);
}

/// <summary>Methods the agent answers (the server's strongly typed client).</summary>
public interface IAgentHubClient
{
    Task AssignJob(AgentJob job);
    Task CancelJob(AgentJobCancellation cancellation);
}

/// <summary>Sent on every (re)connect.</summary>
/// <param name="Device">The device's fingerprint.</param>
/// <param name="AgentVersion">Agent build.</param>
/// <param name="EngineVersion">Engine build.</param>
/// <param name="RunningJobId">The job the agent is still running or still has unacknowledged events of, so the server does not hand it out again.</param>
public sealed record AgentRegistration(DeviceFingerprint Device, string AgentVersion, string EngineVersion, string? RunningJobId);

/// <summary>One job for a networked agent: the same parameters as <c>devicelab-agent bench</c>.</summary>
/// <param name="JobId">Server's id of the job (attempt); every batch names it.</param>
/// <param name="Variants">Variant files to download and run, interleaved in this order.</param>
/// <param name="Parameters">Benchmark parameters.</param>
/// <param name="EvaluationTextUrl">Optional evaluation text (UTF-8) for perplexity / KL divergence.</param>
public sealed record AgentJob(string JobId, IReadOnlyList<AgentJobVariant> Variants, BenchParameters Parameters, string? EvaluationTextUrl = null);

/// <summary>A variant to fetch: <paramref name="DownloadUrl"/> is absolute or relative to the server address.</summary>
public sealed record AgentJobVariant(string Label, string DownloadUrl, string Sha256, long SizeBytes);

/// <summary>The server asks the agent to stop a job.</summary>
public sealed record AgentJobCancellation(string JobId, string Reason);

/// <summary>Events of one job, in sequence order; each line is exactly what ADB mode writes to stdout.</summary>
public sealed record AgentEventBatch(string JobId, IReadOnlyList<string> Lines);

/// <summary>The server has stored every event of the job with sequence number ≤ <paramref name="StoredThroughSeq"/>.</summary>
public sealed record AgentEventAck(string JobId, long StoredThroughSeq);

/// <summary>How a job ended; sent after every event was acknowledged.</summary>
/// <param name="JobId">The job.</param>
/// <param name="ExitCode">The code ADB mode would have exited with (<see cref="AgentExitCodes"/>).</param>
/// <param name="LastSeq">Sequence number of the job's last event.</param>
public sealed record AgentJobOutcome(string JobId, int ExitCode, long LastSeq);
