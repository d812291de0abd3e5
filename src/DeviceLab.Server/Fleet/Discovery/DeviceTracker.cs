using DeviceLab.Adb;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Fleet.Discovery;

/// <summary>
/// Follows the adb server's device list (<c>track-devices</c>) for as long as the host runs: each list goes into
/// <see cref="AdbDeviceView"/>, devices no longer listed (or every device, when the server goes away) are marked
/// offline. When the server cannot be reached the tracker subscribes again with back-off (0.25 s doubling up to
/// <see cref="AdbOptions.TrackRetryMaxMs"/>).
/// </summary>
internal sealed class DeviceTracker(
    LabHostAdbServer adb, AdbDeviceView view, DeviceRegistry registry, IOptions<AdbOptions> options, ILogger<DeviceTracker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var delayMs = 250;
        var lastError = "";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await adb.EnsureRunningAsync(stoppingToken);
                await foreach (var devices in adb.Client.TrackDevicesAsync(stoppingToken))
                {
                    delayMs = 250;
                    lastError = "";
                    var gone = view.Update(devices);
                    await registry.DisconnectAllExceptAsync(devices.Where(d => d.IsOnline).Select(d => d.Serial).ToList(),
                        gone.Count > 0 ? $"no longer listed by the adb server ({string.Join(", ", gone)})" : "not listed as online by the adb server", stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is AdbException or Npgsql.NpgsqlException or InvalidOperationException)
            {
                // Log each distinct failure once, not every retry.
                if (e.Message != lastError) logger.LogWarning("Following the adb server on port {Port} failed: {Error}; retrying", options.Value.ServerPort, e.Message);
                lastError = e.Message;
                view.Clear();
                await DisconnectAllAsync($"adb server unreachable: {e.Message}", stoppingToken);
            }
            await Task.Delay(delayMs, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            delayMs = Math.Min(delayMs * 2, options.Value.TrackRetryMaxMs);
        }
    }

    private async Task DisconnectAllAsync(string reason, CancellationToken stoppingToken)
    {
        try
        {
            await registry.DisconnectAllExceptAsync([], reason, stoppingToken);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            logger.LogDebug("Could not mark devices offline: {Error}", e.Message);
        }
    }
}
