using System.Collections.Concurrent;
using DeviceLab.Adb;
using DeviceLab.Adb.Shell;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Fleet.Discovery;

/// <summary>
/// Looks after each device the adb server lists as online: describes it when it first appears or reconnects
/// (properties → <see cref="DeviceRegistry.RegisterAsync"/>), and then probes it every
/// <see cref="AdbOptions.ProbeIntervalMs"/> with a trivial shell command. The adb server keeps listing a device whose
/// peer died, so the probe is what turns a pulled cable or a killed device into "offline" within seconds
/// (docs/decisions/0080).
/// </summary>
internal sealed class DeviceLivenessProbe(
    LabHostAdbServer adb, AdbDeviceView view, DeviceRegistry registry, IOptions<AdbOptions> options, ILogger<DeviceLivenessProbe> logger) : BackgroundService
{
    private sealed record Health(bool Described, long? TransportId, bool Failing);

    private readonly ConcurrentDictionary<string, Health> _health = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AdbDevice> _devices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _checking = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var interval = TimeSpan.FromMilliseconds(options.Value.ProbeIntervalMs);
        var nextRound = DateTime.UtcNow;
        Task<bool>? changed = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            changed ??= view.Changed.WaitToReadAsync(stoppingToken).AsTask();
            var wait = nextRound - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.WhenAny(changed, Task.Delay(wait, stoppingToken)).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested) return;

            var serials = new HashSet<string>(StringComparer.Ordinal);
            if (changed.IsCompleted)
            {
                changed = null;
                while (view.Changed.TryRead(out var serial)) serials.Add(serial);
            }
            if (DateTime.UtcNow >= nextRound)
            {
                serials.UnionWith(view.Listed.Keys);
                nextRound = DateTime.UtcNow + interval;
            }
            foreach (var serial in _health.Keys.Where(s => !view.Listed.ContainsKey(s))) _health.TryRemove(serial, out _);
            foreach (var serial in serials) StartCheck(serial, stoppingToken);
        }
    }

    /// <summary>One check per device at a time: a slow device never delays the others.</summary>
    private void StartCheck(string serial, CancellationToken stoppingToken)
    {
        if (_checking.TryGetValue(serial, out var running) && !running.IsCompleted) return;
        _checking[serial] = Task.Run(() => CheckAsync(serial, stoppingToken), stoppingToken);
    }

    private async Task CheckAsync(string serial, CancellationToken stoppingToken)
    {
        if (!view.Listed.TryGetValue(serial, out var entry) || !entry.IsOnline) return;
        var health = _health.GetValueOrDefault(serial) ?? new Health(false, null, false);
        var device = _devices.GetOrAdd(serial, s => adb.Client.Device(s));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(options.Value.ProbeTimeoutMs * (health.Described ? 1 : 3)));
        try
        {
            if (!health.Described || health.TransportId != entry.TransportId)
            {
                var description = await DeviceDescription.ReadAsync(device, timeout.Token);
                await registry.RegisterAsync(serial, description, health.Described ? "reconnected" : "discovered", stoppingToken);
                _health[serial] = new Health(true, entry.TransportId, Failing: false);
                logger.LogInformation("Device {Serial} online: {Manufacturer} {Model}, {Abi}, {Cores} cores{Virtual}", serial,
                    description.Manufacturer, description.Model, description.Abi, description.CpuCores, description.IsVirtual ? ", virtual" : "");
                return;
            }
            var probe = await device.RunShellAsync(ShellCommand.Of("echo", "devicelab-probe"), cancellationToken: timeout.Token);
            probe.EnsureSuccess();
            if (health.Failing)
            {
                await registry.SetConnectedAsync([serial], connected: true, "answers the liveness probe again", stoppingToken);
                _health[serial] = health with { Failing = false };
            }
        }
        catch (Exception e) when (e is AdbException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            var reason = e is OperationCanceledException ? $"no answer within {options.Value.ProbeTimeoutMs} ms" : e.Message;
            if (health.Failing) return;
            _health[serial] = health with { Failing = true };
            logger.LogWarning("Device {Serial} offline: liveness probe failed: {Error}", serial, reason);
            await TryAsync(() => registry.SetConnectedAsync([serial], connected: false, $"liveness probe failed: {reason}", stoppingToken));
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Recording the state of device {Serial} failed: {Error}", serial, e.Message);
        }
    }

    private async Task TryAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning("Recording a device state failed: {Error}", e.Message);
        }
    }
}
