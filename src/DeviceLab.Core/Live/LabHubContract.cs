namespace DeviceLab.Core.Live;

/// <summary>
/// The lab hub (SignalR, JSON protocol configured with <see cref="LiveJson.Configure"/> on both ends): live events for
/// dashboards and external clients. Every connected client receives fleet and run-level changes
/// (<see cref="ILabHubClient.DeviceChanged"/>, <see cref="ILabHubClient.RunChanged"/>, <see cref="ILabHubClient.JobChanged"/>);
/// the high-rate streams of one run (telemetry, token timings, phase marks) only reach clients that called
/// <see cref="ILabHub.WatchRun"/> for it.
/// </summary>
/// <remarks>
/// Events cross nodes: whichever node ingests an agent's events, every node's hub forwards them (PostgreSQL
/// LISTEN/NOTIFY). Delivery is best effort and live-only: a client that connects late reads history from the REST API.
/// Requires the viewer role.
/// </remarks>
public static class LabHubContract
{
    /// <summary>Route of the hub on the server.</summary>
    public const string Path = "/hubs/lab";

    /// <summary>Client → server: <c>Task WatchRun(long runId)</c>.</summary>
    public const string WatchRun = nameof(ILabHub.WatchRun);

    /// <summary>Client → server: <c>Task UnwatchRun(long runId)</c>.</summary>
    public const string UnwatchRun = nameof(ILabHub.UnwatchRun);

    /// <summary>Server → client: <c>DeviceChanged(DeviceStateChanged)</c>.</summary>
    public const string DeviceChanged = nameof(ILabHubClient.DeviceChanged);

    /// <summary>Server → client: <c>RunChanged(RunProgress)</c>.</summary>
    public const string RunChanged = nameof(ILabHubClient.RunChanged);

    /// <summary>Server → client: <c>JobChanged(JobProgress)</c>.</summary>
    public const string JobChanged = nameof(ILabHubClient.JobChanged);

    /// <summary>Server → client (run watchers): <c>TelemetryReceived(TelemetryBatch)</c>.</summary>
    public const string TelemetryReceived = nameof(ILabHubClient.TelemetryReceived);

    /// <summary>Server → client (run watchers): <c>TokensReceived(TokenTimingBatch)</c>.</summary>
    public const string TokensReceived = nameof(ILabHubClient.TokensReceived);

    /// <summary>Server → client (run watchers): <c>PhaseMarked(AgentPhaseMark)</c>.</summary>
    public const string PhaseMarked = nameof(ILabHubClient.PhaseMarked);

    /// <summary>SignalR group of the clients watching one run.</summary>
    public static string RunGroup(long runId) => $"run:{runId}";
}

/// <summary>Methods the lab hub offers (implemented by the server's <c>Hub&lt;ILabHubClient&gt;</c>).</summary>
public interface ILabHub
{
    /// <summary>Starts the run's telemetry, token and phase streams for this connection; fails for an unknown run.</summary>
    Task WatchRun(long runId);

    /// <summary>Stops them.</summary>
    Task UnwatchRun(long runId);
}

/// <summary>Methods a lab hub client answers (the server's strongly typed client).</summary>
public interface ILabHubClient
{
    Task DeviceChanged(DeviceStateChanged change);
    Task RunChanged(RunProgress progress);
    Task JobChanged(JobProgress progress);
    Task TelemetryReceived(TelemetryBatch batch);
    Task TokensReceived(TokenTimingBatch batch);
    Task PhaseMarked(AgentPhaseMark mark);
}
