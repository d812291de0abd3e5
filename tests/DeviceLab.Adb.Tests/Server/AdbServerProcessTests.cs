using DeviceLab.Adb.Server;
using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Server;

public sealed class AdbServerProcessTests : IDisposable
{
    private readonly string _sandbox = Directory.CreateTempSubdirectory("devicelab-adb-process-").FullName;

    [Fact]
    public async Task A_started_server_answers_and_is_gone_after_kill()
    {
        var launch = Launch(LoopbackPorts.PickFree());
        await using var server = await AdbServerProcess.StartAsync(launch);
        Assert.Equal(41, await server.Client.GetVersionAsync());
        Assert.True(File.Exists(Path.Combine(_sandbox, "home", ".android", "adbkey")), "the server keeps its key in the sandbox HOME");

        await server.Client.KillServerAsync();

        await server.StopAsync(TimeSpan.FromSeconds(5));
        Assert.True(server.HasExited);
        await Assert.ThrowsAsync<AdbServerNotRunningException>(() => server.Client.GetVersionAsync());
    }

    [Fact]
    public async Task A_background_server_started_with_start_server_answers_until_killed()
    {
        var port = LoopbackPorts.PickFree();
        var client = await AdbServerProcess.StartDaemonAsync(Launch(port));
        try
        {
            Assert.Equal(41, await client.GetVersionAsync());
        }
        finally
        {
            await client.KillServerAsync();
        }
        await Assert.ThrowsAsync<AdbServerNotRunningException>(() => client.GetVersionAsync());
    }

    [Fact]
    public async Task A_port_already_taken_is_a_clear_start_error()
    {
        await using var first = await AdbServerProcess.StartAsync(Launch(LoopbackPorts.PickFree()));

        var error = await Assert.ThrowsAsync<AdbException>(() => AdbServerProcess.StartAsync(Launch(first.Endpoint.Port) with { ReadyTimeout = TimeSpan.FromSeconds(5) }));

        Assert.Contains($"port {first.Endpoint.Port}", error.Message);
    }

    [Fact]
    public async Task A_missing_adb_binary_is_a_clear_error()
    {
        var launch = Launch(LoopbackPorts.PickFree()) with { AdbPath = Path.Combine(_sandbox, "no-adb-here") };

        var error = await Assert.ThrowsAsync<AdbException>(() => AdbServerProcess.StartAsync(launch));

        Assert.Contains("no-adb-here", error.Message);
    }

    public void Dispose() => Directory.Delete(_sandbox, recursive: true);

    private AdbServerLaunch Launch(int port) => new()
    {
        Port = port,
        HomeDirectory = Directory.CreateDirectory(Path.Combine(_sandbox, "home")).FullName,
        TempDirectory = Directory.CreateDirectory(Path.Combine(_sandbox, "tmp")).FullName,
    };
}
