using DeviceLab.Core.Devices;
using DeviceLab.Testing.Adb;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeviceLab.Server.Tests.Browser;

/// <summary>The fleet page follows a real virtual device, connected to the lab's real adb server, as it comes and goes.</summary>
[Collection(DashboardCollection.Name)]
public sealed class FleetLiveTests(DashboardLab lab)
{
    [Fact]
    public async Task A_virtual_device_going_online_and_offline_shows_up_live_and_marked_virtual()
    {
        var (browser, page) = await lab.SignInAsync(DashboardLab.ViewerEmail);
        await using var _ = browser;
        await using var devices = new VirtualDeviceFixture(lab.Adb);
        await page.GotoAsync("/fleet");
        await PageMarks.InteractiveAsync(page);
        await PageMarks.MarkAsync(page);

        var device = await devices.StartAsync();
        var row = page.Locator($"tr[data-device='{device.Serial}']");
        // Well under the page's 15 s fallback refresh: it is the live event that brings the row.
        await Expect(row).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 12_000 });
        await Expect(row.Locator("[data-source=virtual]")).ToBeVisibleAsync();
        await Expect(row.Locator(".timestamp")).ToHaveCountAsync(1); // last seen, relative and local
        await PageMarks.ScreenshotAsync(page, "fleet");

        await device.KillAsync();
        await lab.WaitForDeviceAsync(device.Serial, DeviceState.Offline);
        await Expect(row).ToHaveAttributeAsync("data-state", "offline", new() { Timeout = 12_000 });
        Assert.True(await PageMarks.NotReloadedAsync(page), "the page changed without a reload");
    }
}
