using DeviceLab.Adb;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Fleet.Discovery;

/// <summary>
/// Connects the configured networked ADB devices (<see cref="AdbOptions.ConnectDevices"/>) at start and again every
/// <see cref="AdbOptions.ReconnectIntervalSeconds"/> while one is not listed as online: phones on Wi-Fi drop and come back.
/// </summary>
internal sealed class NetworkDeviceConnector(
    LabHostAdbServer adb, AdbDeviceView view, IOptions<AdbOptions> options, ILogger<NetworkDeviceConnector> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var devices = options.Value.NetworkDevices();
        if (devices.Count == 0) return;
        var lastErrors = new Dictionary<string, string>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ReconnectIntervalSeconds));
        do
        {
            foreach (var (host, port) in devices)
            {
                var serial = $"{host}:{port}";
                if (view.Listed.TryGetValue(serial, out var entry) && entry.IsOnline) continue;
                try
                {
                    await adb.EnsureRunningAsync(stoppingToken);
                    var result = await adb.Client.ConnectAsync(host, port, stoppingToken);
                    if (!result.WasAlreadyConnected) logger.LogInformation("Connected networked ADB device {Serial}", serial);
                    lastErrors.Remove(serial);
                }
                catch (AdbException e)
                {
                    if (lastErrors.GetValueOrDefault(serial) != e.Message) logger.LogWarning("Cannot connect networked ADB device {Serial}: {Error}", serial, e.Message);
                    lastErrors[serial] = e.Message;
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }
}
