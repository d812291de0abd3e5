using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Agents;

/// <summary>
/// The networked agents connected to this node, by device. A device whose agent dropped is marked offline only after
/// <see cref="AgentHubOptions.DisconnectGraceSeconds"/> without a new connection, so a short network blip changes nothing.
/// </summary>
public sealed class AgentConnections(NetworkDevices devices, IOptions<AgentHubOptions> options, TimeProvider time, IHostApplicationLifetime lifetime,
    ILogger<AgentConnections> logger)
{
    private readonly ConcurrentDictionary<long, AgentPresence> _devices = new();

    public AgentPresence For(long deviceId) => _devices.GetOrAdd(deviceId, id => new AgentPresence(id, time.GetUtcNow()));

    /// <summary>The hub connection <paramref name="connectionId"/> of the device's agent ended.</summary>
    public void Disconnected(long deviceId, string connectionId, Exception? error)
    {
        var at = time.GetUtcNow();
        if (For(deviceId).Disconnected(connectionId, at) is not { } version) return;
        logger.LogInformation("The agent of device {DeviceId} disconnected ({Reason})", deviceId, error?.Message ?? "closed");
        _ = MarkOfflineLaterAsync(deviceId, version, at, error);
    }

    private async Task MarkOfflineLaterAsync(long deviceId, long version, DateTimeOffset disconnectedAt, Exception? error)
    {
        var grace = TimeSpan.FromSeconds(options.Value.DisconnectGraceSeconds);
        try
        {
            await Task.Delay(grace, time, lifetime.ApplicationStopping);
            if (For(deviceId).Snapshot().Version != version) return; // it came back
            var reason = $"agent disconnected{(error is null ? "" : $" ({error.Message})")} and did not reconnect within {grace.TotalSeconds:0.#} s";
            await devices.SetDisconnectedAsync(deviceId, disconnectedAt, reason, lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is OperationCanceledException or Npgsql.NpgsqlException or ObjectDisposedException)
        {
            logger.LogDebug("Device {DeviceId} was not marked offline: {Error}", deviceId, e.Message);
        }
    }
}
