using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DeviceLab.VirtualDevice.Properties;
using DeviceLab.VirtualDevice.Sandbox;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice;

/// <summary>
/// A device that speaks the device side of the ADB wire protocol on a loopback TCP port, so the
/// real adb server accepts it after <c>adb connect 127.0.0.1:PORT</c>. It runs shell commands in a
/// sandbox folder (its <c>/data/local/tmp</c>), serves sync (push, pull, stat, list), forward and
/// reverse, and always reports itself as virtual (<c>devicelab.virtual=1</c>).
/// </summary>
public sealed class VirtualDevice : IAsyncDisposable
{
    /// <summary>The range the adb server probes for emulators at start; a device there would be picked up twice.</summary>
    public const int EmulatorScanFirstPort = 5555, EmulatorScanLastPort = 5585;

    private const string StateFolderName = ".devicelab";
    private const int SolSocket = 1, SoReuseAddr = 2; // Linux values on every architecture
    private readonly VirtualDeviceOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<DeviceConnection, Task> _connections = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private DeviceContext? _context;
    private int _state; // 0 new, 1 started, 2 stopped

    public VirtualDevice(VirtualDeviceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the virtual device runs on Linux only (process groups, taskset, statx)");
        if (string.IsNullOrWhiteSpace(options.Sandbox)) throw new ArgumentException("a virtual device needs a sandbox folder", nameof(options));
        if (options.Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(options), options.Port, "port must be 0 (pick a free one) or 1-65535");
        if (options.Port is >= EmulatorScanFirstPort and <= EmulatorScanLastPort)
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, $"port {options.Port} is in {EmulatorScanFirstPort}-{EmulatorScanLastPort}, which the adb server scans for emulators; pick another port");
        options.Cores?.EnsureExists(Environment.ProcessorCount);
        foreach (var (key, value) in options.Properties ?? new Dictionary<string, string>()) DeviceProperties.Validate(key, value);
        _options = options;
        SandboxFolder = new DevicePaths(options.Sandbox).SandboxFolder;
        EnsureShellSafe(SandboxFolder);
    }

    /// <summary>Creates and starts a device.</summary>
    public static async Task<VirtualDevice> StartAsync(VirtualDeviceOptions options, CancellationToken cancellationToken = default)
    {
        var device = new VirtualDevice(options);
        await device.StartAsync(cancellationToken).ConfigureAwait(false);
        return device;
    }

    /// <summary>The port the device listens on (known after start).</summary>
    public int Port { get; private set; }

    /// <summary><c>127.0.0.1:PORT</c>: what <c>adb connect</c> takes and the serial the adb server lists the device under.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>The host folder that is the device's <c>/data/local/tmp</c>.</summary>
    public string SandboxFolder { get; }

    /// <summary>The device's properties, as <c>getprop</c> answers them (known after start).</summary>
    public IReadOnlyDictionary<string, string> Properties => _context?.Properties ?? throw NotStarted();

    /// <summary>The CNXN banner the device sends the adb server (known after start).</summary>
    public string Banner => _context?.Banner ?? throw NotStarted();

    /// <summary>Host connections currently open (normally one: the adb server).</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Starts listening. Throws when the port is taken or the sandbox cannot be created.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0) throw new InvalidOperationException("a virtual device starts once; create a new one to restart it");
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(SandboxFolder);

        var listener = Listen(_options.Port);
        try
        {
            Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            var properties = DeviceProperties.Build(_options, Port, HostHardware.Read());
            var tools = GetpropTool.Install(Path.Combine(SandboxFolder, StateFolderName), properties);
            var paths = new DevicePaths(SandboxFolder);
            _context = new DeviceContext(properties, ConnectionBanner.Build(properties), paths, new ShellLauncher(paths, _options.Cores, tools), _options.Log);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener);
        _options.Log?.Invoke($"listening on {Address}, sandbox {SandboxFolder}");
        return Task.CompletedTask;
    }

    private static Socket Listen(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // Restarting on the same port right after a kill must not wait out TIME_WAIT. Only
                // SO_REUSEADDR: .NET's ReuseAddress also sets SO_REUSEPORT, which would let a second
                // device listen on the same port.
                listener.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
                listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
                var bound = ((IPEndPoint)listener.LocalEndPoint!).Port;
                if (port == 0 && bound is >= EmulatorScanFirstPort and <= EmulatorScanLastPort && attempt < 10)
                {
                    // The OS picked a port the adb server scans for emulators: take another one.
                    listener.Dispose();
                    continue;
                }
                listener.Listen(16);
                return listener;
            }
            catch (SocketException e)
            {
                listener.Dispose();
                throw new IOException($"virtual device cannot listen on 127.0.0.1:{port}: {e.Message}", e);
            }
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested) return;
                continue;
            }
            socket.NoDelay = true;
            var connection = new DeviceConnection(socket, _context!, _stopping.Token);
            _connections[connection] = RunConnectionAsync(connection);
        }
    }

    private async Task RunConnectionAsync(DeviceConnection connection)
    {
        await Task.Yield();
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops cleanly: no new connections, running commands killed, connections closed.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) == 1)
        {
            _stopping.Cancel();
            _listener?.Dispose();
            _context?.Shells.KillAll();
        }
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops everything at once, as a pulled cable: connections reset without a goodbye, commands
    /// killed, the port released. A new device on the same port and sandbox is the cable plugged back.
    /// </summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _state, 2) != 1) return;
        _listener?.Dispose();
        foreach (var connection in _connections.Keys) connection.Abort();
        _context?.Shells.KillAll();
        _stopping.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static InvalidOperationException NotStarted() => new("the virtual device has not been started");

    /// <summary>
    /// Shell commands get <c>/data/local/tmp</c> replaced by the sandbox path as plain text, so that
    /// path must survive the shell unquoted.
    /// </summary>
    private static void EnsureShellSafe(string folder)
    {
        var bad = folder.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or '@' or ':' or ','));
        if (bad != default)
            throw new ArgumentException($"sandbox folder '{folder}' contains '{bad}'; use a path of letters, digits and / . _ - + @ : , so device commands can name it unquoted");
    }
}
