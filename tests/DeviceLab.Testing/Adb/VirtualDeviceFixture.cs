using DeviceLab.Adb;

namespace DeviceLab.Testing.Adb;

/// <summary>
/// Starts virtual devices (as processes or in-process) on free loopback ports, each with its own sandbox
/// folder, connects them to an adb server and waits until they are online. Disposing stops and disconnects
/// every device it started and deletes their sandboxes.
/// </summary>
public sealed class VirtualDeviceFixture(AdbClient client, string sandboxRoot) : IAsyncDisposable
{
    private readonly List<RunningVirtualDevice> _devices = [];

    public VirtualDeviceFixture(AdbServerFixture server) : this(server.Client, Path.Combine(server.SandboxDirectory, "devices")) { }

    public IReadOnlyList<RunningVirtualDevice> Devices => _devices;

    /// <summary>Starts one device and returns once adb lists it as <c>device</c>.</summary>
    /// <param name="cores">CPU cores to pin its commands to, e.g. <c>"1"</c> or <c>"0,1"</c>.</param>
    public async Task<RunningVirtualDevice> StartAsync(
        VirtualDeviceHosting hosting = VirtualDeviceHosting.Process, string? cores = null, CancellationToken cancellationToken = default)
    {
        var port = LoopbackPorts.PickFree();
        var sandbox = Directory.CreateDirectory(Path.Combine(sandboxRoot, $"device-{port}")).FullName;
        var device = new RunningVirtualDevice(client, port, sandbox, cores, StartHost(hosting));
        lock (_devices) _devices.Add(device);
        await device.StartAsync(cancellationToken).ConfigureAwait(false);
        return device;
    }

    /// <summary>Starts <paramref name="count"/> devices side by side.</summary>
    public async Task<IReadOnlyList<RunningVirtualDevice>> StartManyAsync(
        int count, VirtualDeviceHosting hosting = VirtualDeviceHosting.Process, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => StartAsync(hosting, cancellationToken: cancellationToken))).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        RunningVirtualDevice[] devices;
        lock (_devices) devices = [.. _devices];
        foreach (var device in devices) await device.DisposeAsync().ConfigureAwait(false);
        try
        {
            if (Directory.Exists(sandboxRoot)) Directory.Delete(sandboxRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static Func<int, string, string?, IVirtualDeviceHost> StartHost(VirtualDeviceHosting hosting) => hosting switch
    {
        VirtualDeviceHosting.Process => (port, sandbox, cores) => new VirtualDeviceProcess(port, sandbox, cores),
        VirtualDeviceHosting.InProcess => VirtualDeviceInProcess.Start,
        _ => throw new ArgumentOutOfRangeException(nameof(hosting), hosting, null),
    };
}
