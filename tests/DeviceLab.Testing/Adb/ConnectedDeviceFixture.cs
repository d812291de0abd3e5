using DeviceLab.Adb;
using Xunit;

namespace DeviceLab.Testing.Adb;

/// <summary>
/// A real adb server with one virtual device connected and online (as a process), for tests that only need
/// "a device". Tests that break devices start their own through <see cref="Devices"/>.
/// </summary>
public sealed class ConnectedDeviceFixture : IAsyncLifetime
{
    private VirtualDeviceFixture? _devices;
    private RunningVirtualDevice? _device;

    public AdbServerFixture Server { get; } = new();

    public AdbClient Client => Server.Client;

    /// <summary>Starts more devices on the same server; they are stopped with this fixture.</summary>
    public VirtualDeviceFixture Devices => _devices ?? throw new InvalidOperationException("the fixture has not started");

    public RunningVirtualDevice Device => _device ?? throw new InvalidOperationException("the fixture has not started");

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync().ConfigureAwait(false);
        _devices = new VirtualDeviceFixture(Server);
        _device = await _devices.StartAsync().ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (_devices is not null) await _devices.DisposeAsync().ConfigureAwait(false);
        await Server.DisposeAsync().ConfigureAwait(false);
    }
}
