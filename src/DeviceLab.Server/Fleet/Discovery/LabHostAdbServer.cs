using DeviceLab.Adb;
using DeviceLab.Adb.Server;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Fleet.Discovery;

/// <summary>
/// This lab host's adb server: a client of the configured port, and — with <see cref="AdbOptions.StartServer"/> —
/// a server DeviceLab started itself when none answered, which it stops again when the host stops.
/// </summary>
public sealed class LabHostAdbServer(IOptions<AdbOptions> options, IOptions<DeviceLabOptions> labOptions, ILogger<LabHostAdbServer> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private AdbServerProcess? _owned;

    public AdbClient Client { get; } = new(options.Value.ServerPort);

    /// <summary>Returns once the server answers; starts it first when configured to and it does not.</summary>
    /// <exception cref="AdbException">No server answers (and none may or could be started).</exception>
    public async Task EnsureRunningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Client.GetVersionAsync(cancellationToken);
            return;
        }
        catch (AdbServerNotRunningException) when (options.Value.StartServer)
        {
        }
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_owned is { HasExited: false }) return;
            if (_owned is not null) await _owned.DisposeAsync();
            var home = Directory.CreateDirectory(Path.Combine(labOptions.Value.DataDirectoryPath, "adb")).FullName;
            _owned = await AdbServerProcess.StartAsync(new AdbServerLaunch
            {
                Port = options.Value.ServerPort, AdbPath = options.Value.AdbPath, HomeDirectory = home, TempDirectory = home,
            }, cancellationToken);
            logger.LogInformation("Started an adb server on port {Port} (pid {Pid})", options.Value.ServerPort, _owned.ProcessId);
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null) await _owned.DisposeAsync();
        _starting.Dispose();
    }
}
