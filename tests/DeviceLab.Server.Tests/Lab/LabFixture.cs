using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Live;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using DeviceLab.Server.Tests.Models;
using DeviceLab.Testing;
using DeviceLab.Testing.Adb;
using DeviceLab.Testing.Postgres;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting;

namespace DeviceLab.Server.Tests.Lab;

/// <summary>
/// A whole lab on this machine, shared by the tests of the <see cref="LabCollection"/>: a real adb server, two virtual
/// devices as processes pinned to different cores (<c>--cores 0</c> / <c>--cores 1</c>), real PostgreSQL, the DeviceLab
/// server following that adb server, the NativeAOT agent imported as the x86_64 agent build, and a tiny synthetic
/// F16 model uploaded and built into Q8_0 and Q4_0 through the API. Device A carries the tag <c>lab-a</c>, device B
/// <c>lab-b</c>; both carry the automatic <c>virtual</c>.
/// </summary>
public sealed class LabFixture : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly PostgresDatabaseFixture _database = new();
    private readonly TemporaryFolder _data = new("lab-data");
    private VirtualDeviceFixture? _devices;

    public AdbServerFixture Adb { get; } = new();

    public string LabHostName { get; } = $"lab-{Guid.NewGuid().ToString("N")[..8]}";

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public RunningVirtualDevice DeviceA { get; private set; } = null!;
    public RunningVirtualDevice DeviceB { get; private set; } = null!;
    public long DeviceAId { get; private set; }
    public long DeviceBId { get; private set; }

    /// <summary>The tiny model's variants: F16 (uploaded), Q8_0 and Q4_0 (built by the server).</summary>
    public long F16 { get; private set; }
    public long Q8 { get; private set; }
    public long Q4 { get; private set; }

    public string ConnectionString => _database.ConnectionString;

    /// <summary>What the lab's server logged (its own categories from Information, everything from Warning).</summary>
    public LabLog Log { get; } = new();

    public async Task InitializeAsync()
    {
        Log.Write("lab: starting database, adb server, agent");
        await Task.WhenAll(AgentBinary.EnsureAsync(), _database.InitializeAsync(), Adb.InitializeAsync());
        _devices = new VirtualDeviceFixture(Adb);
        var devices = await Task.WhenAll(_devices.StartAsync(cores: "0"), _devices.StartAsync(cores: "1"));
        (DeviceA, DeviceB) = (devices[0], devices[1]);
        Log.Write($"lab: devices {DeviceA.Serial} (core 0) and {DeviceB.Serial} (core 1) online in adb; starting the server");
        StartServer();
        DeviceAId = await WaitForDeviceAsync(DeviceA, DeviceState.Online);
        DeviceBId = await WaitForDeviceAsync(DeviceB, DeviceState.Online);
        Log.Write("lab: both devices online in DeviceLab; building variants");
        using var client = CreateClient(DeviceLabRole.Operator);
        await TagAsync(client, DeviceAId, "lab-a");
        await TagAsync(client, DeviceBId, "lab-b");
        (F16, Q8, Q4) = await UploadAndBuildAsync(client);
        Log.Write("lab: ready");
    }

    public HttpClient CreateClient(DeviceLabRole role) => Factory.CreateClient(role);

    public DeviceLabDbContext CreateDbContext() => Factory.Services.GetRequiredService<IDbContextFactory<DeviceLabDbContext>>().CreateDbContext();

    /// <summary>Starts the DeviceLab server (again, after <see cref="StopServerAsync"/>) on the same database and lab host.</summary>
    public void StartServer()
    {
        Factory = DeviceLabServerFixture.CreateFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:DeviceLab"] = _database.ConnectionString,
            ["DeviceLab:LabHost:Name"] = LabHostName,
            ["DeviceLab:DataDirectory"] = _data.Path,
            ["DeviceLab:Auth:BootstrapAdmin:Email"] = DeviceLabServerFixture.AdminEmail,
            ["DeviceLab:Auth:BootstrapAdmin:Password"] = DeviceLabServerFixture.AdminPassword,
            ["DeviceLab:AgentBuilds:Directory"] = AgentBinary.Directory,
            ["DeviceLab:Adb:Enabled"] = "true",
            ["DeviceLab:Adb:ServerPort"] = Adb.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DeviceLab:Adb:ProbeIntervalMs"] = "500",
            ["DeviceLab:Adb:ProbeTimeoutMs"] = "2000",
            ["DeviceLab:Leases:DurationSeconds"] = "10",
            ["DeviceLab:Leases:HeartbeatSeconds"] = "2",
            ["DeviceLab:Leases:ReclaimIntervalSeconds"] = "1",
            ["DeviceLab:Leases:WaitSeconds"] = "5",
            ["DeviceLab:Leases:RescheduleSeconds"] = "1",
            ["DeviceLab:Runs:DeviceOfflineGraceSeconds"] = "5",
        }).WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(Log)));
        _ = Factory.Server;
    }

    /// <summary>Stops the server as a deployment or a crash-free restart would: gracefully, jobs requeued by Hangfire.</summary>
    public async Task StopServerAsync() => await Factory.DisposeAsync();

    /// <summary>A lab hub client (WebSockets through the test server) authenticated with a viewer API key.</summary>
    public LiveRecorder CreateLiveClient()
    {
        var key = Factory.ApiKeyOf(DeviceLabRole.Viewer);
        var server = Factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, LabHubContract.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers[BearerCredential.ApiKeyHeader] = key;
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .AddJsonProtocol(json => LiveJson.Configure(json.PayloadSerializerOptions))
            .Build();
        return new LiveRecorder(connection);
    }

    /// <summary>Waits until the server lists the device in <paramref name="state"/>; returns its id.</summary>
    public async Task<long> WaitForDeviceAsync(RunningVirtualDevice device, DeviceState state, TimeSpan? timeout = null)
    {
        var row = await Eventually.GetAsync(async () =>
        {
            await using var db = CreateDbContext();
            return await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Serial == device.Serial && d.State == state);
        }, timeout ?? Patience, $"device {device.Serial} {state}; server log:\n{Log.Recent()}");
        return row.Id;
    }

    /// <summary>Starts a killed device again (a cable plugged back in) and waits until the server has it online.</summary>
    public async Task ReviveAsync(RunningVirtualDevice device)
    {
        if (!device.IsRunning) await device.StartAsync();
        await WaitForDeviceAsync(device, DeviceState.Online);
    }

    private static async Task TagAsync(HttpClient client, long deviceId, string tag)
    {
        using var response = await client.PutAsJsonAsync($"/api/v1/devices/{deviceId}/tags", new { tags = new[] { tag } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(long F16, long Q8, long Q4)> UploadAndBuildAsync(HttpClient client)
    {
        var content = new ByteArrayContent(ModelFiles.TinyF16);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var upload = await client.PostAsync("/api/v1/models?name=lab-tiny", content);
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var modelId = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using var build = await client.PostAsJsonAsync($"/api/v1/models/{modelId}/variants:build", new { quants = new[] { "q8_0", "q4_0" } });
        Assert.True(build.IsSuccessStatusCode, await build.Content.ReadAsStringAsync());
        var model = await Eventually.GetAsync(async () =>
        {
            var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/models/{modelId}"));
            return json.RootElement.GetProperty("variants").EnumerateArray().All(v => v.GetProperty("buildStatus").GetString() == "ready") ? json : null;
        }, Patience, "variants built");
        long IdOf(string quant) => model.RootElement.GetProperty("variants").EnumerateArray()
            .Single(v => v.GetProperty("quantType").GetString() == quant).GetProperty("id").GetInt64();
        return (IdOf("f16"), IdOf("q8_0"), IdOf("q4_0"));
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        if (_devices is not null) await _devices.DisposeAsync();
        await Adb.DisposeAsync();
        await _database.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "lab";
}
