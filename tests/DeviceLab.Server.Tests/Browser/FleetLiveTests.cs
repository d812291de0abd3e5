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
        var galaxy = await seed.DeviceAsync("Galaxy S23", state: DeviceState.Quarantined, batteryPercent: 64, temperatureC: 35.8, tags: ["galaxy-s23", "android-9"],
            manufacturer: "Samsung", soc: "Snapdragon 8 Gen 2", osVersion: "9", abi: "armeabi-v7a");
        var (browser, page) = await lab.SignInAsync(DashboardLab.ViewerEmail);
        await using var _ = browser;
        await using var devices = new VirtualDeviceFixture(lab.Adb);
        await page.GotoAsync("/fleet");
        await PageMarks.InteractiveAsync(page);
        await PageMarks.MarkAsync(page);

        var device = await devices.StartAsync();
        var row = page.Locator($"tr:has(td[data-device='{device.Serial}'])");
        // Well under the page's 15 s fallback refresh: it is the live event that brings the row.
        await Expect(row.Locator("td[data-device]")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 12_000 });
        var phone = page.Locator($"tr:has(td[data-device='{pixel.Serial}'])");
        await Expect(phone.Locator("td").Nth(4)).ToHaveTextAsync("87.0");
        await Expect(phone.Locator("td").Nth(5)).ToHaveTextAsync("31.2");
        // OS version and ABI in columns of their own: the virtual device's as its getprop says, the phones' as stored.
        await Expect(page.Locator("th[data-column=os]")).ToHaveTextAsync("OS version");
        await Expect(page.Locator("th[data-column=abi]")).ToHaveTextAsync("ABI");
        await Expect(phone.Locator("td[data-column=os]")).ToHaveTextAsync("Android 14");
        await Expect(phone.Locator("td[data-column=abi]")).ToHaveTextAsync("arm64-v8a");
        await Expect(row.Locator("td[data-column=os]")).ToHaveTextAsync("Android 14");
        await Expect(row.Locator("td[data-column=abi]")).ToHaveTextAsync("x86_64");
        var galaxyRow = page.Locator($"tr:has(td[data-device='{galaxy.Serial}'])");
        await Expect(galaxyRow.Locator("td[data-column=abi]")).ToHaveTextAsync("armeabi-v7a");
        await Expect(phone.Locator("[data-source]")).ToHaveCountAsync(0);
        await Expect(row.Locator("[data-source=virtual]")).ToBeVisibleAsync();
        await Expect(row.Locator(".timestamp")).ToHaveCountAsync(1); // last seen, relative and local
        await page.SetViewportSizeAsync(1600, 900);
        await PageMarks.ScreenshotAsync(page, "fleet");

        // Sorting by OS version puts Android 9 before Android 14 (as numbers, not text: "9" > "14"), and back again.
        await page.ClickAsync("th[data-column=os] .mud-table-sort-label");
        await WaitForOrderAsync(page, galaxy.Serial, pixel.Serial);
        await page.ClickAsync("th[data-column=os] .mud-table-sort-label");
        await WaitForOrderAsync(page, pixel.Serial, galaxy.Serial);

        await device.KillAsync();
        await lab.WaitForDeviceAsync(device.Serial, DeviceState.Offline);
        await Expect(row.Locator("td[data-device]")).ToHaveAttributeAsync("data-state", "offline", new() { Timeout = 12_000 });
        Assert.True(await PageMarks.NotReloadedAsync(page), "the page changed without a reload");
    }

    /// <summary>Waits until the row of <paramref name="before"/> comes above the row of <paramref name="after"/>.</summary>
    private static async Task WaitForOrderAsync(IPage page, string before, string after)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var serials = await page.Locator("tbody td[data-device]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.device)");
            var (b, a) = (Array.IndexOf(serials, before), Array.IndexOf(serials, after));
            if (b >= 0 && a >= 0 && b < a) return;
            Assert.True(DateTime.UtcNow < deadline, $"{before} did not come above {after}; rows: {string.Join(", ", serials)}");
            await Task.Delay(100);
        }
    }
}
