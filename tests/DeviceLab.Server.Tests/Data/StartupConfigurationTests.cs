using System.Net;
using System.Net.Sockets;
using DeviceLab.LocalPostgres;
using DeviceLab.Testing;

namespace DeviceLab.Server.Tests.Data;

/// <summary>
/// Bad configuration stops the real server process at once, with exit code 2 and one message that says what to
/// change — no stack trace, nothing half-started.
/// </summary>
public sealed class StartupConfigurationTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TemporaryFolder _folder = new("srv-config");

    [Fact]
    public async Task An_unreachable_connection_string_names_the_server_and_the_setting()
    {
        var port = LoopbackPort.PickFree(); // nothing listens there
        var message = await FailedStartAsync(new()
        {
            ["ConnectionStrings__DeviceLab"] = $"Host=127.0.0.1;Port={port};Database=devicelab;Username=devicelab",
        });

        Assert.Contains($"Cannot reach the PostgreSQL server of ConnectionStrings:DeviceLab (host 127.0.0.1, port {port}", message);
    }

    [Fact]
    public async Task A_malformed_connection_string_says_how_one_looks()
    {
        var message = await FailedStartAsync(new() { ["ConnectionStrings__DeviceLab"] = "this is not a connection string" });

        Assert.Contains("ConnectionStrings:DeviceLab is not a valid PostgreSQL connection string", message);
    }

    [Fact]
    public async Task A_bad_local_cluster_port_names_the_key()
    {
        var message = await FailedStartAsync(new() { ["DeviceLab__LocalPostgres__Port"] = "80" });

        Assert.Contains("DeviceLab:LocalPostgres:Port is 80", message);
    }

    [Fact]
    public async Task A_data_folder_held_by_another_live_cluster_names_the_holder_and_the_way_out()
    {
        await using var holder = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = _folder.Combine("data"), Durable = false });

        var message = await FailedStartAsync(new());

        Assert.Contains($"in use by another DeviceLab process (pid {Environment.ProcessId})", message);
        Assert.Contains("DEVICELAB_DATA", message);
    }

    /// <summary>Starts the server with a fresh data folder (no connection string unless given) and returns its one-line error.</summary>
    private async Task<string> FailedStartAsync(Dictionary<string, string> environment)
    {
        environment.TryAdd(DeviceLabOptions.DataDirectoryVariable, _folder.Combine("data"));
        environment.TryAdd("ConnectionStrings__DeviceLab", "");
        await using var server = ServerProcess.Start(_folder.Path, environment, "--urls", $"http://127.0.0.1:{DeviceLab.Testing.Adb.LoopbackPorts.PickFree()}");

        Assert.True(await server.WaitForExitAsync(Patience), $"The server kept running:\n{server.Output}");
        Assert.Equal(2, server.ExitCode);
        var line = Assert.Single(server.Output.Split('\n'), l => l.StartsWith("DeviceLab cannot start: ", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", server.Output); // no stack trace
        return line;
    }

    public void Dispose() => _folder.Dispose();
}
