using System.Text.Json;
using DeviceLab.LocalPostgres;
using DeviceLab.Testing;
using Npgsql;

namespace DeviceLab.Server.Tests.Data;

/// <summary>The server on its defaults: its own PostgreSQL in its data folder, kept across restarts.</summary>
public sealed class LocalClusterServerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TemporaryFolder _folder = new("srv-local");

    [Fact]
    public async Task Without_a_connection_string_the_server_runs_its_own_cluster_stops_it_and_reuses_it_next_time()
    {
        var first = await StartHealthyAsync();
        Assert.Contains("DeviceLab admin sign-in: admin@devicelab.local / ", first.Server.Output); // printed on the first start only
        var cluster = Path.Combine(_folder.Path, "data", LocalPostgresOptions.ClusterFolderName);
        Assert.True(File.Exists(Path.Combine(cluster, "postmaster.pid")));
        var firstSeen = first.LabHostCreatedAt;
        await first.Server.StopAsync(Patience);
        await first.Server.DisposeAsync();

        Assert.False(File.Exists(Path.Combine(cluster, "postmaster.pid"))); // stopped with the server
        Assert.Contains("Stopped the local PostgreSQL cluster", first.Server.Output);

        var second = await StartHealthyAsync();
        Assert.Contains("(reused)", second.Server.Output);
        Assert.DoesNotContain("DeviceLab admin sign-in", second.Server.Output);
        Assert.Equal(firstSeen, second.LabHostCreatedAt); // the row written by the first start is still there
        await second.Server.StopAsync(Patience);
        await second.Server.DisposeAsync();
    }

    private async Task<(ServerProcess Server, DateTimeOffset LabHostCreatedAt)> StartHealthyAsync()
    {
        var port = DeviceLab.Testing.Adb.LoopbackPorts.PickFree();
        var server = ServerProcess.Start(_folder.Path, new Dictionary<string, string>
        {
            [Server.DeviceLabOptions.DataDirectoryVariable] = Path.Combine(_folder.Path, "data"),
            ["ConnectionStrings__DeviceLab"] = "",
            ["DeviceLab__LabHost__Name"] = "local-cluster-test",
        }, "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Not healthy within {Patience}:\n{server.Output}");
                Assert.False(server.HasExited, $"The server exited:\n{server.Output}");
                try
                {
                    var health = JsonDocument.Parse(await http.GetStringAsync("/healthz")).RootElement;
                    if (health.GetProperty("status").GetString() == "healthy") break;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                await Task.Delay(100);
            }
            // The generated administrator (admin-password.txt, 0600) signs in through the login form.
            var passwordFile = Path.Combine(_folder.Path, "data", "admin-password.txt");
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
            var password = File.ReadAllLines(passwordFile).Single(l => l.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..];
            using var signedIn = await DashboardSignIn.SignInAsync(http, "admin@devicelab.local", password);
            Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
            var status = JsonDocument.Parse(await http.GetStringAsync("/api/v1/status")).RootElement;
            Assert.Equal("local-cluster", status.GetProperty("database").GetString());
            return (server, await LabHostCreatedAtAsync(server.Output));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads the lab host row through the cluster's port, found in its postmaster.pid.</summary>
    private async Task<DateTimeOffset> LabHostCreatedAtAsync(string output)
    {
        var pidFile = await File.ReadAllLinesAsync(Path.Combine(_folder.Path, "data", LocalPostgresOptions.ClusterFolderName, "postmaster.pid"));
        var connectionString = $"Host=127.0.0.1;Port={pidFile[3].Trim()};Username=postgres;Database=devicelab;Pooling=false";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT created_at FROM lab_hosts WHERE name = 'local-cluster-test'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No lab host row. Output:\n{output}");
        return reader.GetFieldValue<DateTimeOffset>(0);
    }

    public void Dispose() => _folder.Dispose();
}
