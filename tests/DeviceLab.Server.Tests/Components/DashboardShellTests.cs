using DeviceLab.Core.Devices;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Fleet;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Components;

public sealed class DashboardShellTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task The_shell_renders_with_navigation_to_every_section_and_no_web_fonts()
    {
        using var client = server.CreateClient(DeviceLabRole.Viewer);

        var html = await client.GetStringAsync("/");

        foreach (var section in new[] { "fleet", "models", "suites", "runs", "compare", "trends", "regressions" })
            Assert.Contains($"href=\"/{section}\"", html);
        Assert.Contains("DeviceLab", html);
        Assert.DoesNotContain("fonts.googleapis.com", html);
    }

    [Theory]
    [InlineData("/models", "No models yet")]
    [InlineData("/suites", "No suites yet")]
    [InlineData("/runs", "No runs yet")]
    [InlineData("/compare", "No results yet")]
    [InlineData("/trends", "No nightly series yet")]
    [InlineData("/regressions", "No regressions found")]
    public async Task Empty_sections_say_so_instead_of_showing_made_up_rows(string page, string emptyState)
    {
        using var client = server.CreateClient(DeviceLabRole.Viewer);

        var html = await client.GetStringAsync(page);

        Assert.Contains(emptyState, html);
    }

    [Fact]
    public async Task Fleet_lists_the_devices_table_and_its_lab_host()
    {
        using var client = server.CreateClient(DeviceLabRole.Viewer);
        Assert.Contains("No devices yet", await client.GetStringAsync("/fleet"));

        await using (var db = server.CreateDbContext())
        {
            var host = await db.LabHosts.SingleAsync(h => h.Name == server.LabHostName);
            db.Devices.Add(new Device
            {
                LabHostId = host.Id, Serial = "FA7X1234", Manufacturer = "Google", Model = "Pixel 7", Abi = "arm64-v8a",
                State = DeviceState.Online, Transport = DeviceTransport.Adb, Tags = ["pixel-7"], CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var html = await client.GetStringAsync("/fleet");

        Assert.Contains("FA7X1234", html);
        Assert.Contains("Pixel 7", html);
        Assert.Contains(server.LabHostName, html);
        Assert.DoesNotContain("No devices yet", html);
    }
}
