using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Core.Devices;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using DeviceLab.Server.Tests.Lab;
using DeviceLab.Server.Tests.Models;
using DeviceLab.Testing;
using DeviceLab.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeviceLab.Server.Tests.Agents;

/// <summary>
/// A lab of networked devices: real PostgreSQL, the DeviceLab server on a loopback port (Kestrel, so the real agent can
/// reach it as a phone would), no adb server, and the tiny synthetic F16 model uploaded through the API. Each test adds
/// its own networked device (with a tag of its own) through the API and issues its token there. The agent limits are
/// short: offline 1 s after a drop, an attempt's agent lost after 3 s away.
/// </summary>
public sealed class NetworkLabFixture : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private readonly TemporaryFolder _data = new("net-lab");

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    /// <summary><c>http://127.0.0.1:PORT</c> of the running server.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The tiny model's F16 variant.</summary>
    public long F16 { get; private set; }

    public LabLog Log { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(AgentBinary.EnsureAsync(), _database.InitializeAsync());
        Factory = DeviceLabServerFixture.CreateFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:DeviceLab"] = _database.ConnectionString,
            ["DeviceLab:LabHost:Name"] = $"net-{Guid.NewGuid().ToString("N")[..8]}",
            ["DeviceLab:DataDirectory"] = _data.Path,
            ["DeviceLab:Auth:BootstrapAdmin:Email"] = DeviceLabServerFixture.AdminEmail,
            ["DeviceLab:Auth:BootstrapAdmin:Password"] = DeviceLabServerFixture.AdminPassword,
            ["DeviceLab:Adb:Enabled"] = "false",
            ["DeviceLab:Leases:DurationSeconds"] = "10",
            ["DeviceLab:Leases:HeartbeatSeconds"] = "2",
            ["DeviceLab:Leases:ReclaimIntervalSeconds"] = "1",
            ["DeviceLab:Leases:WaitSeconds"] = "5",
            ["DeviceLab:Leases:RescheduleSeconds"] = "1",
            ["DeviceLab:Runs:DeviceOfflineGraceSeconds"] = "2",
            ["DeviceLab:Agents:DisconnectGraceSeconds"] = "1",
            ["DeviceLab:Agents:ReconnectLimitSeconds"] = "3",
        }).WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(Log)));
        Factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        using var client = CreateClient(DeviceLabRole.Operator);
        F16 = await UploadTinyModelAsync(client);
    }

    public HttpClient CreateClient(DeviceLabRole role) => WithHeader(BearerCredential.ApiKeyHeader, Factory.ApiKeyOf(role));

    /// <summary>A client speaking for a device with its token (as the agent's downloads do).</summary>
    public HttpClient CreateDeviceClient(string deviceToken) => WithHeader("Authorization", $"Bearer {deviceToken}");

    public DeviceLabDbContext CreateDbContext() => Factory.Services.GetRequiredService<IDbContextFactory<DeviceLabDbContext>>().CreateDbContext();

    /// <summary>Adds a networked device with a tag of its own and issues its token — both through the API, as an admin would.</summary>
    public async Task<(long DeviceId, string Token, string Tag)> AddNetworkDeviceAsync(string name)
    {
        using var admin = CreateClient(DeviceLabRole.Admin);
        var tag = $"{name}-{Guid.NewGuid().ToString("N")[..6]}";
        using var created = await admin.PostAsJsonAsync("/api/v1/devices/network", new { name = tag, tags = new[] { tag } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var deviceId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using var issued = await admin.PostAsync($"/api/v1/devices/{deviceId}/tokens", null);
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
        var token = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
        return (deviceId, token, tag);
    }

    /// <summary>Waits until the server lists the device in <paramref name="state"/>.</summary>
    public Task WaitForDeviceAsync(long deviceId, DeviceState state, Func<string>? context = null) =>
        Eventually.TrueAsync(async () =>
        {
            await using var db = CreateDbContext();
            return await db.Devices.AnyAsync(d => d.Id == deviceId && d.State == state);
        }, LabFixture.Patience, $"device {deviceId} {state}; {context?.Invoke()}\nserver log:\n{Log.Recent()}");

    private HttpClient WithHeader(string header, string value)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        return client;
    }

    private static async Task<long> UploadTinyModelAsync(HttpClient client)
    {
        var content = new ByteArrayContent(ModelFiles.TinyF16);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var upload = await client.PostAsync("/api/v1/models?name=net-tiny", content);
        var body = await upload.Content.ReadAsStringAsync();
        Assert.True(upload.IsSuccessStatusCode, body);
        var modelId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
        var model = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/models/{modelId}")).RootElement;
        return model.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("quantType").GetString() == "f16").GetProperty("id").GetInt64();
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        await _database.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class NetworkLabCollection : ICollectionFixture<NetworkLabFixture>
{
    public const string Name = "network-lab";
}
