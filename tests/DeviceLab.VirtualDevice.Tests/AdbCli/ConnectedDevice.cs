namespace DeviceLab.VirtualDevice.Tests.AdbCli;

/// <summary>An in-process virtual device with its own sandbox, connected to the test's adb server.</summary>
public sealed class ConnectedDevice : IAsyncDisposable
{
    private readonly AdbCliServer _server;

    private ConnectedDevice(AdbCliServer server, VirtualDevice device, TestFolder sandbox)
    {
        _server = server;
        Device = device;
        Sandbox = sandbox;
    }

    public VirtualDevice Device { get; }
    public TestFolder Sandbox { get; }
    public string Address => Device.Address;

    public static async Task<ConnectedDevice> StartAsync(AdbCliServer server, Func<string, VirtualDeviceOptions>? options = null)
    {
        var sandbox = new TestFolder("sandbox");
        var chosen = options?.Invoke(sandbox.Path) ?? new VirtualDeviceOptions { Sandbox = sandbox.Path };
        if (Environment.GetEnvironmentVariable("DEVICELAB_VD_TEST_LOG") is not null)
        {
            // Debugging aid: DEVICELAB_VD_TEST_LOG=FILE appends the device log to FILE.
            chosen = new VirtualDeviceOptions
            {
                Port = chosen.Port, Sandbox = chosen.Sandbox, Name = chosen.Name, Serial = chosen.Serial,
                Cores = chosen.Cores, Properties = chosen.Properties, Log = line => { lock (typeof(ConnectedDevice)) File.AppendAllText(Environment.GetEnvironmentVariable("DEVICELAB_VD_TEST_LOG")!, $"{DateTime.Now:HH:mm:ss.fff} {line}\n"); },
            };
        }
        var device = await VirtualDevice.StartAsync(chosen);
        var connected = new ConnectedDevice(server, device, sandbox);
        try
        {
            await server.ConnectAsync(device.Address);
        }
        catch
        {
            await connected.DisposeAsync();
            throw;
        }
        return connected;
    }

    /// <summary><c>adb -s ADDRESS args…</c>.</summary>
    public Task<AdbResult> AdbAsync(params string[] arguments) => _server.RunAsync(["-s", Address, .. arguments]);

    public Task<AdbResult> ShellAsync(string command) => AdbAsync("shell", command);

    public async ValueTask DisposeAsync()
    {
        await _server.DisconnectAsync(Address);
        await Device.DisposeAsync();
        Sandbox.Dispose();
    }
}
