using System.Net;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using DeviceLab.Testing;
using DeviceLab.Testing.Postgres;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Regressions;

/// <summary>
/// One DeviceLab server for every regression test (a collection fixture: one database and one start for all of them,
/// to keep the suite fast): real PostgreSQL, Hangfire, Kestrel on a loopback port (the CLI talks to it over TCP), and
/// three webhooks — Slack format and plain JSON to a loopback <see cref="WebhookReceiver"/>, and one to a port where
/// nothing listens, whose failures must never hold up detection. Tests use their own suites, so they do not meet.
/// </summary>
public sealed class RegressionServer : IAsyncLifetime
{
    public const string SlackPath = "slack";
    public const string JsonPath = "json";

    private readonly PostgresDatabaseFixture _database = new();
    private readonly TemporaryFolder _data = new("regression-server");

    public WebhookReceiver Receiver { get; } = new();

    /// <summary>A loopback port nothing listens on: the dead webhook.</summary>
    public int DeadPort { get; } = DeviceLab.Testing.Adb.LoopbackPorts.PickFree();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    /// <summary>The server's real address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    public string LabHostName { get; } = $"test-host-{Guid.NewGuid().ToString("N")[..8]}";

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Factory = DeviceLabServerFixture.CreateFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:DeviceLab"] = _database.ConnectionString,
            ["DeviceLab:LabHost:Name"] = LabHostName,
            ["DeviceLab:DataDirectory"] = _data.Path,
            ["urls"] = "http://127.0.0.1:0",
            ["DeviceLab:Regressions:Webhooks:0:Name"] = "team-slack",
            ["DeviceLab:Regressions:Webhooks:0:Url"] = Receiver.UrlOf(SlackPath),
            ["DeviceLab:Regressions:Webhooks:0:Format"] = "Slack",
            ["DeviceLab:Regressions:Webhooks:0:OnClosed"] = "true",
            ["DeviceLab:Regressions:Webhooks:1:Name"] = "ci-json",
            ["DeviceLab:Regressions:Webhooks:1:Url"] = Receiver.UrlOf(JsonPath),
            ["DeviceLab:Regressions:Webhooks:1:Format"] = "Json",
            ["DeviceLab:Regressions:Webhooks:1:OnImprovements"] = "true",
            ["DeviceLab:Regressions:Webhooks:2:Name"] = "dead",
            ["DeviceLab:Regressions:Webhooks:2:Url"] = $"http://127.0.0.1:{DeadPort}/hook",
            ["DeviceLab:Regressions:Webhooks:2:Format"] = "Json",
            ["DeviceLab:Regressions:WebhookRetryDelaysSeconds:0"] = "1",
            ["DeviceLab:Regressions:WebhookRetryDelaysSeconds:1"] = "1",
            ["DeviceLab:Regressions:WebhookTimeoutSeconds"] = "5",
        });
        Factory.UseKestrel();
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)) + "/");
    }

    public DeviceLabDbContext CreateDbContext() =>
        Factory.Services.GetRequiredService<IDbContextFactory<DeviceLabDbContext>>().CreateDbContext();

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>A client of the server's real (Kestrel) address, without credentials.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = Address };

    /// <summary>A client of the server's real address with a real API key of <paramref name="role"/> (Auth/AuthenticatedClients).</summary>
    public HttpClient CreateClient(DeviceLabRole role)
    {
        var client = CreateHttpClient();
        client.DefaultRequestHeaders.Add(BearerCredential.ApiKeyHeader, ApiKeyOf(role));
        return client;
    }

    public string ApiKeyOf(DeviceLabRole role) => Factory.ApiKeyOf(role);

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Receiver.Dispose();
        await _database.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>
/// Runs alone, after the parallel test classes: Hangfire takes its loggers from a process-wide log provider that each
/// starting host replaces, so a host disposed by another class would break job creation here ("LoggerFactory disposed")
/// — and these tests create jobs all the time (detection, webhook deliveries and their retries).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RegressionServerCollection : ICollectionFixture<RegressionServer>
{
    public const string Name = "regression server";
}
