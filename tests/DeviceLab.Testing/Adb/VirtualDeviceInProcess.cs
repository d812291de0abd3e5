using DeviceLab.VirtualDevice;

namespace DeviceLab.Testing.Adb;

/// <summary>The VirtualDevice library inside the test process; "kill" is <see cref="VirtualDevice.VirtualDevice.Abort"/> (sockets reset, commands killed).</summary>
internal sealed class VirtualDeviceInProcess : IVirtualDeviceHost
{
    private readonly VirtualDevice.VirtualDevice _device;
    private bool _aborted;

    private VirtualDeviceInProcess(VirtualDevice.VirtualDevice device) => _device = device;

    public static IVirtualDeviceHost Start(int port, string sandboxDirectory, string? cores)
    {
        var options = new VirtualDeviceOptions
        {
            Port = port,
            Sandbox = sandboxDirectory,
            Cores = cores is null ? null : CoreSet.Parse(cores),
        };
        // StartAsync binds synchronously and completes at once; waiting here keeps the host factory simple.
        return new VirtualDeviceInProcess(VirtualDevice.VirtualDevice.StartAsync(options).GetAwaiter().GetResult());
    }

    public bool HasExited => _aborted;

    public string Describe() => $"in-process virtual device on {_device.Address}{(_aborted ? " (aborted)" : "")}";

    public Task KillAsync()
    {
        _aborted = true;
        _device.Abort();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _aborted = true;
        await _device.DisposeAsync().ConfigureAwait(false);
    }
}
