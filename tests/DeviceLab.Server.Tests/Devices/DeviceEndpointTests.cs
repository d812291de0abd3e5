using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Core.Devices;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Fleet;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Devices;

public sealed class DeviceEndpointTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    private async Task<long> AddDeviceAsync(string serial, string model, string[] tags, DeviceState state = DeviceState.Online)
    {
        await using var db = server.CreateDbContext();
        var host = await db.LabHosts.SingleAsync(h => h.Name == server.LabHostName);
        var device = new Device
        {
            LabHostId = host.Id, Serial = serial, Model = model, Abi = "arm64-v8a", Tags = [.. tags], State = state, Transport = DeviceTransport.Adb,
            Properties = new() { ["ro.build.version.release"] = "14" }, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Devices.Add(device);
        await db.SaveChangesAsync();
        return device.Id;
    }

    [Fact]
    public async Task Devices_are_listed_with_filters_and_shown_with_their_properties()
    {
        var p7 = await AddDeviceAsync("list-p7", "Pixel 7", ["pixel-7", "android-14"]);
        await AddDeviceAsync("list-p8", "Pixel 8", ["pixel-8", "android-14"], DeviceState.Offline);
        using var client = server.CreateClient(DeviceLabRole.Viewer);

        var both = JsonDocument.Parse(await client.GetStringAsync("/api/v1/devices?tag=android-14")).RootElement;
        var online = JsonDocument.Parse(await client.GetStringAsync("/api/v1/devices?tag=android-14&state=online")).RootElement;
        var byTwoTags = JsonDocument.Parse(await client.GetStringAsync("/api/v1/devices?tag=android-14&tag=pixel-8")).RootElement;
        var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/devices/{p7}")).RootElement;

        Assert.Equal(2, both.EnumerateArray().Count(d => d.GetProperty("serial").GetString()!.StartsWith("list-")));
        Assert.Equal("list-p7", Assert.Single(online.EnumerateArray(), d => d.GetProperty("serial").GetString()!.StartsWith("list-")).GetProperty("serial").GetString());
        Assert.Equal("list-p8", Assert.Single(byTwoTags.EnumerateArray()).GetProperty("serial").GetString());
        Assert.Equal("online", detail.GetProperty("state").GetString());
        Assert.Equal("14", detail.GetProperty("properties").GetProperty("ro.build.version.release").GetString());
        Assert.Equal(server.LabHostName, detail.GetProperty("labHost").GetString());
    }

    [Fact]
    public async Task Tags_are_replaced_normalized_and_checked()
    {
        var id = await AddDeviceAsync("tags", "Pixel 7", ["old"]);
        using var client = server.CreateClient(DeviceLabRole.Operator);

        using var ok = await client.PutAsJsonAsync($"/api/v1/devices/{id}/tags", new { tags = new[] { " Pixel-7 ", "lab-2", "pixel-7" } });
        using var bad = await client.PutAsJsonAsync($"/api/v1/devices/{id}/tags", new { tags = new[] { "rm -rf /" } });
        using var missing = await client.PutAsJsonAsync("/api/v1/devices/987654/tags", new { tags = new[] { "x" } });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(["pixel-7", "lab-2"], JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not a usable tag", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Quarantine_takes_a_device_out_of_the_pool_and_back_as_offline()
    {
        var id = await AddDeviceAsync("quarantine", "Pixel 7", []);
        using var client = server.CreateClient(DeviceLabRole.Operator);

        using var quarantined = await client.PostAsync($"/api/v1/devices/{id}/quarantine", null);
        Assert.Equal("quarantined", JsonDocument.Parse(await quarantined.Content.ReadAsStringAsync()).RootElement.GetProperty("state").GetString());
        using var back = await client.PostAsync($"/api/v1/devices/{id}/unquarantine", null);

        Assert.Equal("offline", JsonDocument.Parse(await back.Content.ReadAsStringAsync()).RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_device_token_is_issued_once_works_for_downloads_only_and_stops_when_revoked()
    {
        var id = await AddDeviceAsync("agent", "iPhone 15", []);
        using var admin = server.CreateClient(DeviceLabRole.Admin);

        using var issued = await admin.PostAsync($"/api/v1/devices/{id}/tokens", null);
        var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement;
        var token = body.GetProperty("token").GetString()!;
        var tokenId = body.GetProperty("deviceToken").GetProperty("id").GetInt64();
        using var agent = server.Factory.CreateClientWith("Authorization", $"Bearer {token}");

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.StartsWith("dld_", token);
        Assert.DoesNotContain(token, await admin.GetStringAsync($"/api/v1/devices/{id}/tokens")); // listed without the secret
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/v1/variants/987654/file")).StatusCode); // passes auth
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/devices")).StatusCode); // not a viewer

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/devices/{id}/tokens/{tokenId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync("/api/v1/variants/987654/file")).StatusCode);
    }
}
