using DeviceLab.Adb;
using DeviceLab.Adb.Server;
using Xunit;

namespace DeviceLab.Testing.Adb;

/// <summary>
/// A real adb server for a test class or collection: <c>adb -P &lt;free port&gt; nodaemon server</c> with HOME and
/// TMPDIR in a private temp folder (the server writes its key and log there), answering <c>host:version</c>
/// before any test runs, stopped with <c>host:kill</c> (and killed if it lingers) and its folder deleted at the end.
/// Installs nothing: the test command (<c>./devicelab test</c>) installs adb.
/// </summary>
public sealed class AdbServerFixture : IAsyncLifetime
{
    private const int StartAttempts = 3;
    private AdbServerProcess? _server;

    /// <summary>The private folder: <c>home/</c> and <c>tmp/</c> for the server; tests may add their own folders.</summary>
    public string SandboxDirectory { get; } = Directory.CreateTempSubdirectory("devicelab-adb-").FullName;

    public AdbServerProcess Server => _server ?? throw new InvalidOperationException("the adb server fixture has not started");

    public AdbClient Client => Server.Client;

    public int Port => Server.Endpoint.Port;

    public async Task InitializeAsync()
    {
        var home = Directory.CreateDirectory(Path.Combine(SandboxDirectory, "home")).FullName;
        var temp = Directory.CreateDirectory(Path.Combine(SandboxDirectory, "tmp")).FullName;
        for (var attempt = 1; ; attempt++)
        {
            var launch = new AdbServerLaunch { Port = LoopbackPorts.PickFree(), HomeDirectory = home, TempDirectory = temp };
            try
            {
                _server = await AdbServerProcess.StartAsync(launch).ConfigureAwait(false);
                return;
            }
            catch (AdbException) when (attempt < StartAttempts)
            {
                // Another process took the port between the probe and the server's bind: pick another.
            }
        }
    }

    /// <summary>A folder inside the sandbox for one test's files (deleted with the sandbox).</summary>
    public string CreateScratchDirectory(string name) =>
        Directory.CreateDirectory(Path.Combine(SandboxDirectory, "scratch", $"{name}-{Guid.NewGuid():N}")).FullName;

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(SandboxDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process that is exiting; the OS temp cleaner takes the rest.
        }
    }
}
