using System.Globalization;
using DeviceLab.Core.Devices;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using DeviceLab.Testing;
using DeviceLab.Testing.Adb;
using DeviceLab.Testing.Browser;
using DeviceLab.Testing.Postgres;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace DeviceLab.Server.Tests.Browser;

/// <summary>
/// The dashboard as a user meets it, for the browser tests of the <see cref="DashboardCollection"/>: the real DeviceLab
/// server on a loopback port (Kestrel, so a real browser can reach it) on its own PostgreSQL database, following a real
/// adb server, with a viewer, an operator and the bootstrap admin to sign in as. Browser sessions are Debian's chromium
/// (<see cref="ChromiumBrowser"/>). Everything is stopped and deleted at the end.
/// </summary>
public sealed class DashboardLab : IAsyncLifetime
{
    public const string ViewerEmail = "viewer@tests.devicelab";
    public const string OperatorEmail = "operator@tests.devicelab";
    public const string Password = "Test-user-password-1";

    /// <summary>Long enough for a loaded 2-core CI machine; a correctness bound, not a speed target.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly PostgresDatabaseFixture _database = new();
    private readonly TemporaryFolder _data = new("dashboard-data");

    public AdbServerFixture Adb { get; } = new();

    /// <summary>The server's log, for failure messages.</summary>
    public ServerLog Log { get; } = new();

    public string LabHostName { get; } = $"dash-{Guid.NewGuid().ToString("N")[..8]}";

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    /// <summary><c>http://127.0.0.1:PORT</c> of the running server.</summary>
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_database.InitializeAsync(), Adb.InitializeAsync());
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:DeviceLab"] = _database.ConnectionString,
            ["urls"] = "http://127.0.0.1:0",
            ["DeviceLab:LabHost:Name"] = LabHostName,
            ["DeviceLab:DataDirectory"] = _data.Path,
            ["DeviceLab:Auth:BootstrapAdmin:Email"] = DeviceLabServerFixture.AdminEmail,
            ["DeviceLab:Auth:BootstrapAdmin:Password"] = DeviceLabServerFixture.AdminPassword,
            ["DeviceLab:Adb:Enabled"] = "true",
            ["DeviceLab:Adb:ServerPort"] = Adb.Port.ToString(CultureInfo.InvariantCulture),
            ["DeviceLab:Adb:ProbeIntervalMs"] = "500",
            ["DeviceLab:Adb:ProbeTimeoutMs"] = "2000",
            ["DeviceLab:Leases:DurationSeconds"] = "10",
            ["DeviceLab:Leases:HeartbeatSeconds"] = "2",
            ["DeviceLab:Leases:ReclaimIntervalSeconds"] = "1",
            ["DeviceLab:Leases:WaitSeconds"] = "5",
            ["DeviceLab:Leases:RescheduleSeconds"] = "1",
        };
        if (Directory.Exists(AgentBuilds.Directory)) settings["DeviceLab:AgentBuilds:Directory"] = AgentBuilds.Directory;
        Factory = DeviceLabServerFixture.CreateFactory(settings)
            .WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(Log)));
        Factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        await CreateUserAsync(ViewerEmail, DeviceLabRole.Viewer);
        await CreateUserAsync(OperatorEmail, DeviceLabRole.Operator);
    }

    public DeviceLabDbContext CreateDbContext() =>
        Factory.Services.GetRequiredService<IDbContextFactory<DeviceLabDbContext>>().CreateDbContext();

    /// <summary>A browser session signed in as <paramref name="email"/>, showing the start page.</summary>
    public async Task<(ChromiumBrowser Browser, IPage Page)> SignInAsync(string email, string password = Password, string timeZone = "Europe/Berlin")
    {
        var browser = await ChromiumBrowser.StartAsync(BaseUrl, timeZone);
        try
        {
            var page = await browser.PageAsync();
            await page.GotoAsync("/login");
            // The login page becomes interactive after its first paint, and that render resets what was typed before it.
            await PageMarks.InteractiveAsync(page);
            await page.FillAsync("input[name=email]", email);
            await page.FillAsync("input[name=password]", password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { Timeout = 30_000 });
            return (browser, page);
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the devices table has <paramref name="serial"/> in <paramref name="state"/>.</summary>
    public async Task<long> WaitForDeviceAsync(string serial, DeviceState state)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using (var db = CreateDbContext())
            {
                if (await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Serial == serial && d.State == state) is { } device) return device.Id;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"device {serial} not {state} within {Patience.TotalSeconds:0} s; server log:\n{Log.Recent()}");
            await Task.Delay(200);
        }
    }

    /// <summary>The lab host seeded phones belong to: not this server's, so its adb tracking never marks them offline.</summary>
    public async Task<string> SeededHostAsync()
    {
        const string name = "seeded-rack";
        await using var db = CreateDbContext();
        if (!await db.LabHosts.AnyAsync(h => h.Name == name))
        {
            db.LabHosts.Add(new DeviceLab.Server.Fleet.LabHost
            {
                Name = name, QueueName = DeviceLab.Server.Fleet.LabHostQueue.For(name), CreatedAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        return name;
    }

    private async Task CreateUserAsync(string email, DeviceLabRole role)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DeviceLabUser>>();
        var result = await users.CreateAsync(new DeviceLabUser
        {
            UserName = email, Email = email, EmailConfirmed = true, Role = role, CreatedAt = DateTimeOffset.UtcNow,
        }, Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    public async Task DisposeAsync()
    {
        // For a failure to look into: DEVICELAB_TEST_SERVER_LOG=/some/file keeps what the server logged.
        if (Environment.GetEnvironmentVariable("DEVICELAB_TEST_SERVER_LOG") is { Length: > 0 } logFile) await File.WriteAllTextAsync(logFile, Log.Recent(400));
        if (Factory is not null) await Factory.DisposeAsync();
        await Adb.DisposeAsync();
        await _database.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardLab>
{
    public const string Name = "dashboard";
}
