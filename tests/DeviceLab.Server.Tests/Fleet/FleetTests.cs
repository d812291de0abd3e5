using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Core.Devices;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Tests.Lab;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Fleet;

/// <summary>The fleet as the lab host sees it through the real adb server: properties, tags, quarantine.</summary>
[Collection(LabCollection.Name)]
public sealed class FleetTests(LabFixture lab)
{
    [Fact]
    public async Task Devices_followed_through_the_adb_server_are_described_by_their_own_properties_and_tagged_for_pools()
    {
        await using var db = lab.CreateDbContext();
        var a = await db.Devices.AsNoTracking().Include(d => d.LabHost).SingleAsync(d => d.Id == lab.DeviceAId);
        var b = await db.Devices.AsNoTracking().SingleAsync(d => d.Id == lab.DeviceBId);

        Assert.Equal(lab.LabHostName, a.LabHost.Name);
        Assert.Equal(lab.DeviceA.Serial, a.Serial);
        Assert.Equal("DeviceLab", a.Manufacturer);
        Assert.Equal("Virtual Device", a.Model);
        Assert.Equal("x86_64", a.Abi);
        Assert.Equal("14", a.OsVersion);
        Assert.StartsWith("DeviceLab/", a.OsBuild);
        Assert.True(a.IsVirtual);
        Assert.True(a.RamBytes > 0);
        Assert.False(string.IsNullOrEmpty(a.Soc));
        // Each device is pinned to its own core and says so.
        Assert.Equal(1, a.CpuCores);
        Assert.Equal("0", a.Properties["devicelab.cpu.list"]);
        Assert.Equal("1", b.Properties["devicelab.cpu.list"]);
        Assert.Equal(["virtual-device", "android-14", "abi-x86_64", "virtual", "lab-a"], a.Tags);
        Assert.Equal(["lab-a"], a.UserTags);
    }

    [Fact]
    public async Task A_quarantined_device_takes_no_new_jobs_until_it_is_released()
    {
        using var client = lab.CreateClient(DeviceLabRole.Operator);
        using var quarantined = await client.PostAsJsonAsync($"/api/v1/devices/{lab.DeviceBId}/quarantine", new { reason = "thermal paste dried out" });
        Assert.Equal(HttpStatusCode.OK, quarantined.StatusCode);
        try
        {
            var view = JsonDocument.Parse(await quarantined.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("quarantined", view.GetProperty("state").GetString());

            using var refused = await client.PostAsJsonAsync("/api/v1/runs", new
            {
                variantIds = new[] { lab.Q4 }, deviceSelector = new { tags = new[] { "lab-b" } }, parameters = LabRuns.Quick,
            });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("quarantined", await refused.Content.ReadAsStringAsync());
        }
        finally
        {
            using var released = await client.PostAsync($"/api/v1/devices/{lab.DeviceBId}/unquarantine", null);
            Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        }
        await lab.WaitForDeviceAsync(lab.DeviceB, DeviceState.Online);
    }

    [Fact]
    public async Task Tags_that_are_not_pool_words_are_refused_naming_each()
    {
        using var client = lab.CreateClient(DeviceLabRole.Operator);
        using var response = await client.PutAsJsonAsync($"/api/v1/devices/{lab.DeviceAId}/tags", new { tags = new[] { "Lab A", "ok-tag" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'Lab A' is not a usable tag", await response.Content.ReadAsStringAsync());
        using var viewer = lab.CreateClient(DeviceLabRole.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync($"/api/v1/devices/{lab.DeviceAId}/tags", new { tags = new[] { "x" } })).StatusCode);
    }
}
