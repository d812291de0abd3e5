using DeviceLab.Adb;

namespace DeviceLab.Testing.Adb;

/// <summary>A virtual device started by <see cref="VirtualDeviceFixture"/> and connected to its adb server.</summary>
public sealed class RunningVirtualDevice : IAsyncDisposable
{
    private static readonly TimeSpan OnlineTimeout = TimeSpan.FromSeconds(20);
    private readonly AdbClient _client;
    private readonly Func<int, string, string?, IVirtualDeviceHost> _startHost;
    private IVirtualDeviceHost? _host;

    internal RunningVirtualDevice(AdbClient client, int port, string sandboxDirectory, string? cores, Func<int, string, string?, IVirtualDeviceHost> startHost)
    {
        _client = client;
        _startHost = startHost;
        Port = port;
        SandboxDirectory = sandboxDirectory;
        Cores = cores;
        Adb = client.Device(Serial);
    }

    public int Port { get; }

    /// <summary>The serial the adb server lists it under.</summary>
    public string Serial => $"127.0.0.1:{Port}";

    /// <summary>The folder the device runs its commands in (its /data/local/tmp maps inside).</summary>
    public string SandboxDirectory { get; }

    public string? Cores { get; }

    /// <summary>The client's handle on this device.</summary>
    public AdbDevice Adb { get; }

    public bool IsRunning => _host is { HasExited: false };

    /// <summary>Starts the device (again, after <see cref="KillAsync"/>: a cable plugged back in) and waits until adb lists it online.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning) throw new InvalidOperationException($"{Serial} is already running");
        if (_host is not null) await _host.DisposeAsync().ConfigureAwait(false);
        _host = _startHost(Port, SandboxDirectory, Cores);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(OnlineTimeout);
        try
        {
            await ConnectWhenListeningAsync(deadline.Token).ConfigureAwait(false);
            await Adb.WaitForStateAsync(AdbDeviceState.Device, OnlineTimeout, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or AdbException && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"virtual device {Serial} did not come online: {e.Message}\n{_host.Describe()}", e);
        }
    }

    /// <summary>Kills the device abruptly: whatever it was doing is cut off mid-stream.</summary>
    public Task KillAsync() => _host?.KillAsync() ?? Task.CompletedTask;

    /// <summary>Drops the device from the adb server (<c>host:disconnect</c>); the device keeps running.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.DisconnectAsync("127.0.0.1", Port, cancellationToken).ConfigureAwait(false);
        }
        catch (AdbDeviceNotFoundException)
        {
        }
    }

    public string Describe() => _host?.Describe() ?? $"{Serial} (never started)";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DisconnectAsync().ConfigureAwait(false);
        }
        catch (AdbException)
        {
            // The server is already gone: nothing holds the device any more.
        }
        if (_host is not null) await _host.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The device needs a moment to listen; adb answers "Connection refused" until then.</summary>
    private async Task ConnectWhenListeningAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await _client.ConnectAsync("127.0.0.1", Port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (AdbConnectException) when (_host is { HasExited: false })
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
