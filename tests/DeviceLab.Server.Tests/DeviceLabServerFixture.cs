using DeviceLab.Server.Data;
using DeviceLab.Testing;
using DeviceLab.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests;

/// <summary>
/// A DeviceLab server (in-memory test host) on its own fresh PostgreSQL database, for one test class:
/// <c>IClassFixture&lt;DeviceLabServerFixture&gt;</c>. Migrations run and Hangfire works as in production.
/// Use <see cref="Factory"/> for services, <c>CreateClient(DeviceLabRole.Operator)</c> (Auth/AuthenticatedClients) for
/// HTTP clients with a real API key, <see cref="CreateDbContext"/> to look at the tables. Its data folder (artifacts,
/// generated files) is a temporary folder, deleted afterwards.
/// </summary>
public sealed class DeviceLabServerFixture : IAsyncLifetime
{
    /// <summary>The administrator the fixture's server bootstraps (DeviceLab:Auth:BootstrapAdmin).</summary>
    public const string AdminEmail = "admin@tests.devicelab";
    public const string AdminPassword = "Test-admin-password-1";

    private readonly PostgresDatabaseFixture _database = new();
    private readonly TemporaryFolder _data = new("server-data");

    /// <summary>The server's data folder (DeviceLab:DataDirectory); artifacts are in its <c>artifacts/</c>.</summary>
    public string DataDirectory => _data.Path;

    /// <summary>Lab host name of this server (unique, so its Hangfire queue is its own).</summary>
    public string LabHostName { get; } = $"test-host-{Guid.NewGuid().ToString("N")[..8]}";

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Factory = CreateFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:DeviceLab"] = _database.ConnectionString,
            ["DeviceLab:LabHost:Name"] = LabHostName,
            ["DeviceLab:DataDirectory"] = _data.Path,
            ["DeviceLab:Auth:BootstrapAdmin:Email"] = AdminEmail,
            ["DeviceLab:Auth:BootstrapAdmin:Password"] = AdminPassword,
        });
        _ = Factory.Server; // starts the host: database startup, migrations, Hangfire
    }

    /// <summary>A server with exactly these settings on top of appsettings.json (for bad-configuration tests).</summary>
    public static WebApplicationFactory<Program> CreateFactory(IDictionary<string, string?> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Production");
            host.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        });

    public DeviceLabDbContext CreateDbContext() =>
        Factory.Services.GetRequiredService<IDbContextFactory<DeviceLabDbContext>>().CreateDbContext();

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
        _data.Dispose();
    }
}
