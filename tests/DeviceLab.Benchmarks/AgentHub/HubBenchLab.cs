using DeviceLab.Server.Fleet;
using DeviceLab.Testing;
using DeviceLab.Testing.Postgres;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeviceLab.Benchmarks.AgentHub;

/// <summary>
/// The DeviceLab server of the agent-hub bench: its own PostgreSQL database (<see cref="PostgresDatabaseFixture"/>), Kestrel
/// on a loopback port chosen by the OS (the agents connect over a real socket, as phones do), no adb, and a bootstrap admin
/// API key for the bench's own API calls.
/// </summary>
/// <remarks>
/// A lab host runs one attempt per Hangfire worker for the attempt's whole length, and a node has ProcessorCount × 4 workers
/// by default (at least 4, at most 20) — 8 on a 2-core machine. The bench sets <c>DeviceLab:LabHost:Workers</c> so that
/// every simulated agent gets its job at once, as an operator serving that many networked devices would.
/// </remarks>
internal sealed class HubBenchLab(PostgresDatabaseFixture database, TemporaryFolder data, WebApplicationFactory<Server.DeviceLabOptions> factory) : IAsyncDisposable
{
    public const string LabHostName = "hub-bench";

    public string ConnectionString => database.ConnectionString;

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl { get; } = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');

    public required string ApiKey { get; init; }

    public static async Task<HubBenchLab> StartAsync(int workers)
    {
        var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        var data = new TemporaryFolder("hub-bench");
        var apiKey = "dlk_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var factory = new WebApplicationFactory<Server.DeviceLabOptions>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Production");
            host.UseContentRoot(Path.Combine(TestPaths.RepositoryRoot, "src", "DeviceLab.Server"));
            host.UseSetting("urls", "http://127.0.0.1:0"); // never the default port of a real server
            host.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:DeviceLab"] = database.ConnectionString, ["DeviceLab:LabHost:Name"] = LabHostName,
                ["DeviceLab:DataDirectory"] = data.Path, ["DeviceLab:Adb:Enabled"] = "false",
                ["DeviceLab:LabHost:Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["DeviceLab:Auth:BootstrapApiKey:Secret"] = apiKey, ["DeviceLab:Auth:BootstrapApiKey:Name"] = "hub-bench",
                // The server's appsettings log every registration and attempt at Information: keep the bench's output to its figures.
                ["Logging:LogLevel:Default"] = "Warning",
            }));
            host.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        });
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        try
        {
            factory.StartServer();
            return new HubBenchLab(database, data, factory) { ApiKey = apiKey };
        }
        catch
        {
            await factory.DisposeAsync();
            data.Dispose();
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Hangfire workers of a node without <c>DeviceLab:LabHost:Workers</c> on this machine.</summary>
    public static int DefaultWorkers => Server.LabHostOptions.DefaultWorkers;

    /// <summary>The Hangfire servers of this node as Hangfire lists them, with their workers (what actually runs attempts).</summary>
    public string HangfireServers() =>
        string.Join(", ", factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers().Select(s => $"{s.Name}: {s.WorkersCount} workers"));

    public HubBenchApi CreateApi() => new(BaseUrl, ApiKey);

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        data.Dispose();
        await database.DisposeAsync();
    }
}
