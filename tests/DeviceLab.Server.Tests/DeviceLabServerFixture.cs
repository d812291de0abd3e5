using DeviceLab.Server.Data;
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
/// Use <see cref="Factory"/> for HTTP clients and services, <see cref="CreateDbContext"/> to look at the tables.
/// </summary>
public sealed class DeviceLabServerFixture : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

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
    }
}
