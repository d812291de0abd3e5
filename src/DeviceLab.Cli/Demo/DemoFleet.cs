using DeviceLab.Adb;
using DeviceLab.Adb.Server;

namespace DeviceLab.Cli.Demo;

/// <summary>
/// The demo's devices: a private adb server (its own port, HOME and TMPDIR inside the data folder, so it never meets the
/// user's own adb) and two virtual devices as child processes, each pinned to its own CPU core when the machine has two,
/// with their sandboxes (their /data/local/tmp) kept in the data folder so files pushed once stay pushed. The server is
/// told to connect the devices; it discovers them through the adb server like USB phones.
/// </summary>
internal sealed class DemoFleet : IAsyncDisposable
{
    public const int DeviceCount = 2;

    private readonly AdbServerProcess _adb;
    private readonly List<DemoDevice> _devices;

    private DemoFleet(AdbServerProcess adb, List<DemoDevice> devices)
    {
        _adb = adb;
        _devices = devices;
    }

    public int AdbPort => _adb.Endpoint.Port;

    public IReadOnlyList<int> DevicePorts => _devices.Select(d => d.Port).ToList();

    /// <summary>The serials the adb server lists them under (<c>127.0.0.1:PORT</c>).</summary>
    public IReadOnlyList<string> Serials => _devices.Select(d => d.Serial).ToList();

    /// <summary>Each device's core list (<c>0</c>, <c>1</c>), or null when the machine has one core and they share it.</summary>
    public IReadOnlyList<string?> Cores => _devices.Select(d => d.Cores).ToList();

    public static async Task<DemoFleet> StartAsync(string dataFolder, DemoState state, CancellationToken cancellationToken)
    {
        var adbFolder = Path.Combine(dataFolder, "adb");
        await StopLeftoverAdbAsync(state.AdbPort, cancellationToken);
        var adb = await AdbServerProcess.StartAsync(new AdbServerLaunch
        {
            Port = DemoPorts.Reuse(state.AdbPort),
            HomeDirectory = Directory.CreateDirectory(Path.Combine(adbFolder, "home")).FullName,
            TempDirectory = Directory.CreateDirectory(Path.Combine(adbFolder, "tmp")).FullName,
        }, cancellationToken);

        var devices = new List<DemoDevice>();
        try
        {
            for (var i = 0; i < DeviceCount; i++)
            {
                var core = Environment.ProcessorCount >= DeviceCount ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
                var port = DemoPorts.Reuse(state.DevicePorts.ElementAtOrDefault(i) is > 0 and var saved ? saved : null);
                var sandbox = Directory.CreateDirectory(Path.Combine(dataFolder, "devices", $"device-{i + 1}")).FullName;
                devices.Add(await DemoDevice.StartAsync(port, sandbox, core, $"devicelab-demo-{i + 1}", cancellationToken));
            }
            return new DemoFleet(adb, devices);
        }
        catch
        {
            foreach (var device in devices) await device.DisposeAsync();
            await adb.DisposeAsync();
            throw;
        }
    }

    /// <summary>A demo that was killed (not stopped) leaves its adb server behind on the saved port: end it.</summary>
    private static async Task StopLeftoverAdbAsync(int? port, CancellationToken cancellationToken)
    {
        if (port is not { } saved || DemoPorts.IsFree(saved)) return;
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(TimeSpan.FromSeconds(5));
            await new AdbClient(saved).KillServerAsync(patience.Token);
            for (var i = 0; i < 50 && !DemoPorts.IsFree(saved); i++) await Task.Delay(100, cancellationToken);
        }
        catch (Exception e) when (e is AdbException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Not an adb server (another program took the port): a new port is picked instead.
        }
    }

    /// <summary>Stops the devices (their running commands are killed), then the adb server.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var device in _devices) await device.DisposeAsync();
        await _adb.DisposeAsync();
    }
}
