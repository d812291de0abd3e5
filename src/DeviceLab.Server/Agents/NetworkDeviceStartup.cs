namespace DeviceLab.Server.Agents;

/// <summary>At start, this node's networked devices are offline: their agents' connections ended with the previous process.
/// Each comes back online when its agent reconnects and registers.</summary>
internal sealed class NetworkDeviceStartup(NetworkDevices devices) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        devices.DisconnectAllAsync("the server started; waiting for the agent to reconnect", cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
