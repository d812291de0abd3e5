using DeviceLab.Core.Devices;
using DeviceLab.Server.Tests.Seeding;
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
        // Phones on another lab host, for the columns a virtual device leaves empty (battery, temperature).
        var seed = new DashboardSeed(lab.CreateDbContext, await lab.SeededHostAsync());
        var pixel = await seed.DeviceAsync("Pixel 8", batteryPercent: 87, temperatureC: 31.2, tags: ["pixel-8", "android-14", "rack-a"], soc: "Tensor G3");
        await seed.DeviceAsync("Galaxy S23", state: DeviceState.Quarantined, batteryPercent: 64, temperatureC: 35.8, tags: ["galaxy-s23", "android-14"],
            manufacturer: "Samsung", soc: "Snapdragon 8 Gen 2");
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
        var phone = page.Locator($"tr[data-device='{pixel.Serial}']");
        await Expect(phone.Locator("td").Nth(2)).ToHaveTextAsync("87.0");
        await Expect(phone.Locator("td").Nth(3)).ToHaveTextAsync("31.2");
        await Expect(phone.Locator("[data-source]")).ToHaveCountAsync(0);
        await Expect(row.Locator("[data-source=virtual]")).ToBeVisibleAsync();
        await Expect(row.Locator(".timestamp")).ToHaveCountAsync(1); // last seen, relative and local
        await page.SetViewportSizeAsync(1600, 900);
        await PageMarks.ScreenshotAsync(page, "fleet");

        await device.KillAsync();
        await lab.WaitForDeviceAsync(device.Serial, DeviceState.Offline);
        await Expect(row).ToHaveAttributeAsync("data-state", "offline", new() { Timeout = 12_000 });
        Assert.True(await PageMarks.NotReloadedAsync(page), "the page changed without a reload");
    }
}
