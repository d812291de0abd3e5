extern alias server;
using System.CommandLine;
using DeviceLab.Testing;
using DeviceLab.Testing.Adb;
using DeviceLab.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using DeviceLabDbContext = server::DeviceLab.Server.Data.DeviceLabDbContext;
using DeviceLabRole = server::DeviceLab.Server.Auth.DeviceLabRole;
using ServerApiKeys = server::DeviceLab.Server.Auth.ApiKeys;
using ServerProgram = server::Program;

namespace DeviceLab.Cli.Tests.Lab;

/// <summary>
/// A whole lab for the CLI's server commands, shared by the tests of the <see cref="LabCollection"/> (one start for all):
/// the DeviceLab server in-process on Kestrel at a real loopback port (the CLI talks to it over TCP), real PostgreSQL,
/// a real adb server with two virtual device processes (pinned to cores 0 and 1 when there are two), and the NativeAOT agent of
/// <c>artifacts/agent</c> (<c>./devicelab test</c> publishes it). API keys are real keys of the server.
/// </summary>
public sealed class LabServer : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private readonly AdbServerFixture _adb = new();
    private readonly TemporaryFolder _data = new("cli-lab");
    private VirtualDeviceFixture? _devices;
    private readonly Dictionary<DeviceLabRole, string> _keys = [];

    public WebApplicationFactory<ServerProgram> Factory { get; private set; } = null!;

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public string Address { get; private set; } = null!;

    /// <summary>A loopback port nothing listens on.</summary>
    public int DeadPort { get; } = LoopbackPorts.PickFree();

    public IReadOnlyList<RunningVirtualDevice> Devices { get; private set; } = [];

    /// <summary>Scratch space for test files (deleted with the fixture).</summary>
    public TemporaryFolder Scratch { get; } = new("cli-files");

    public static string AgentBuilds => Path.Combine(TestPaths.RepositoryRoot, "artifacts", "agent");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(AgentBuilds, "linux-x64", "devicelab-agent")))
            throw new InvalidOperationException($"No agent build in {AgentBuilds}/linux-x64: run ./devicelab agent (./devicelab test does it first).");
        await Task.WhenAll(_database.InitializeAsync(), _adb.InitializeAsync());
        _devices = new VirtualDeviceFixture(_adb);
        string?[] cores = Environment.ProcessorCount >= 2 ? ["0", "1"] : [null, null];
        Devices = await Task.WhenAll(_devices.StartAsync(VirtualDeviceHosting.Process, cores[0]), _devices.StartAsync(VirtualDeviceHosting.Process, cores[1]));

        Factory = new WebApplicationFactory<ServerProgram>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Production");
            host.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:DeviceLab"] = _database.ConnectionString,
                ["DeviceLab:LabHost:Name"] = $"cli-lab-{Guid.NewGuid().ToString("N")[..8]}",
                ["DeviceLab:DataDirectory"] = _data.Path,
                ["DeviceLab:Adb:ServerPort"] = _adb.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["DeviceLab:AgentBuilds:Directory"] = AgentBuilds,
                ["DeviceLab:Runs:MaxAttempts"] = "1",
                // The CLI tests trigger suites with API keys; detection follows those runs too, so the gate judges them.
                ["DeviceLab:Regressions:Triggers:0"] = "nightly",
                ["DeviceLab:Regressions:Triggers:1"] = "api",
                ["urls"] = "http://127.0.0.1:0",
            }));
        });
        Factory.UseKestrel();
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = addresses.First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)) + "/";
    }

    /// <summary>A real API key of <paramref name="role"/> (one per role, made on first use).</summary>
    public string ApiKeyOf(DeviceLabRole role)
    {
        lock (_keys)
        {
            if (_keys.TryGetValue(role, out var key)) return key;
            var keys = Factory.Services.GetRequiredService<ServerApiKeys>();
            key = Task.Run(() => keys.CreateAsync($"cli-test-{role.ToString().ToLowerInvariant()}", role)).GetAwaiter().GetResult().Secret;
            return _keys[role] = key;
        }
    }

    public string OperatorKey => ApiKeyOf(DeviceLabRole.Operator);

    /// <summary>Waits until the server lists both virtual devices online with their properties read.</summary>
    public async Task WaitForDevicesAsync()
    {
        using var client = CreateOperatorClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var devices = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<DeviceLab.Cli.Devices.DeviceInfo>>(client, "api/v1/devices", DeviceLab.Cli.Api.ApiClient.Json);
            if (Devices.All(d => devices!.Any(s => s.Serial == d.Serial && s.State == Core.Devices.DeviceState.Online && s.Model is not null))) return;
            Assert.True(DateTime.UtcNow < deadline, $"the server did not list the virtual devices online: {string.Join(", ", devices!.Select(d => $"{d.Serial} {d.State}"))}");
            await Task.Delay(250);
        }
    }

    public DeviceLabDbContext CreateDbContext() =>
        Factory.Services.GetRequiredService<IDbContextFactory<DeviceLabDbContext>>().CreateDbContext();

    /// <summary>An HTTP client of the server with an operator key (for what the CLI has no command for, e.g. creating suites).</summary>
    public HttpClient CreateOperatorClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(Address) };
        client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        return client;
    }

    /// <summary>Runs the CLI in-process against this server as an operator (<c>--server</c> and <c>--api-key</c> appended).</summary>
    public Task<CliRun> CliAsync(params string[] args) => CliRun.InvokeAsync([.. args, "--server", Address, "--api-key", OperatorKey]);

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        if (_devices is not null) await _devices.DisposeAsync();
        await _adb.DisposeAsync();
        await _database.DisposeAsync();
        _data.Dispose();
        Scratch.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabServer>
{
    public const string Name = "lab server";
}
