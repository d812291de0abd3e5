using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Models;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using DeviceLab.Server.Tests.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeviceLab.Server.Tests.Browser;

/// <summary>Compare and trends in a real browser, on results seeded into the lab's database.</summary>
[Collection(DashboardCollection.Name)]
public sealed class CompareAndTrendsTests(DashboardLab lab)
{
    private static double Speed(Device device, Variant variant) =>
        (device.Model == "Pixel 8" ? 1.4 : device.IsVirtual ? 2.3 : 1.0) * variant.QuantType switch { QuantType.F16 => 9.5, QuantType.Q8_0 => 17.2, _ => 28.9 };

    [Fact]
    public async Task Compare_shows_every_metric_for_three_variants_on_two_devices_with_bars_scatter_and_a_CSV()
    {
        var seed = new DashboardSeed(lab.CreateDbContext, await lab.SeededHostAsync());
        var pixel7 = await seed.DeviceAsync("Pixel 7");
        var emulator = await seed.DeviceAsync("DeviceLab Virtual", isVirtual: true);
        var (model, variants) = await seed.ModelAsync("compare-llama", QuantType.F16, QuantType.Q8_0, QuantType.Q4_0);
        // The phone's kernel allows resetting VmHWM; the emulator's agent fell back to sampling.
        await seed.RunAsync([pixel7, emulator], variants, Speed, DateTimeOffset.UtcNow.AddHours(-1),
            peakMemoryMethodOf: d => d.IsVirtual ? PeakMemoryMethods.SampledResidentMax : PeakMemoryMethods.HighWaterMarkReset);
        var (browser, page) = await lab.SignInAsync(DashboardLab.ViewerEmail);
        await using var _ = browser;

        await page.GotoAsync($"/compare?model={model.Id}");

        var table = page.Locator(".compare-table");
        await Expect(table).ToHaveAttributeAsync("data-rows", "6");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(6);
        var q4OnPixel = table.Locator("tr[data-row='Pixel 7 · Q4_0']");
        await Expect(q4OnPixel.Locator("[data-metric=decode_tokens_per_second] .measured-spread")).ToContainTextAsync("±");
        await Expect(q4OnPixel.Locator("[data-metric=decode_tokens_per_second]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("best"));
        await Expect(table.Locator("tr[data-row='DeviceLab Virtual · F16'] [data-source=virtual]")).ToBeVisibleAsync();
        await Expect(q4OnPixel.Locator("[data-metric=peak_memory_bytes] [data-peak-memory-method]")).ToHaveTextAsync("VmHWM, reset per repetition");
        await Expect(table.Locator("tr[data-row='DeviceLab Virtual · Q4_0'] [data-metric=peak_memory_bytes] [data-peak-memory-method]"))
            .ToHaveTextAsync("highest sample, 4 Hz");
        await Expect(page.Locator("[data-chart=bars]")).ToHaveAttributeAsync("data-bars", "6");
        await Expect(page.Locator("[data-chart=scatter]").First).ToHaveAttributeAsync("data-points", "6");
        await Expect(page.Locator(".pareto-front").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-chart=bars] [data-axis=y]")).ToHaveTextAsync("decode speed (tokens/s)");
        await page.SetViewportSizeAsync(1760, 1000); // the whole table in the picture
        await PageMarks.ScreenshotAsync(page, "compare");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-action=export-csv]"));
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.Contains("decode_tokens_per_second_stddev", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("DeviceLab Virtual,", StringComparison.Ordinal) && l.Contains(",true,true,"));
        var method = Array.IndexOf(lines[0].Split(','), "peak_memory_method");
        Assert.Equal(["hwm_reset", "hwm_reset", "hwm_reset", "rss_sampled_max", "rss_sampled_max", "rss_sampled_max"],
            lines.Skip(1).Select(l => l.Split(',')[method]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Trends_draw_the_nightly_series_and_a_click_on_a_night_opens_its_run()
    {
        var seed = new DashboardSeed(lab.CreateDbContext, await lab.SeededHostAsync());
        var pixel7 = await seed.DeviceAsync("Pixel 7");
        var pixel8 = await seed.DeviceAsync("Pixel 8");
        var (_, variants) = await seed.ModelAsync("trend-llama", QuantType.F16, QuantType.Q4_0);
        var suite = await seed.SuiteAsync("trend-nightly", variants);
        var first = DateTimeOffset.UtcNow.Date.AddDays(-30).AddHours(2);
        var runs = new List<DeviceLab.Server.Runs.Run>();
        for (var night = 0; night < 30; night++)
        {
            // From night 20, Q4_0 on the Pixel 8 decodes 12 % slower: a change point the detector should find.
            var slower = night >= 20 ? 0.88 : 1.0;
            runs.Add(await seed.RunAsync([pixel7, pixel8], variants,
                (d, v) => Speed(d, v) * (d.Model == "Pixel 8" && v.QuantType == QuantType.Q4_0 ? slower : 1.0),
                new DateTimeOffset(first.AddDays(night), TimeSpan.Zero), suite, RunTrigger.Nightly));
        }
        await seed.RegressionAsync(suite, variants[1], deviceModel: "Pixel 8", magnitude: -0.12, firstBadAt: runs[20].CreatedAt);
        var (browser, page) = await lab.SignInAsync(DashboardLab.ViewerEmail);
        await using var _ = browser;

        await page.GotoAsync($"/trends?suite={suite.Id}&metric=decode_tokens_per_second&days=90");

        var pixel8Chart = page.Locator("[data-series-group='Pixel 8'] [data-chart=trend]");
        await Expect(pixel8Chart).ToHaveAttributeAsync("data-points", "60"); // 30 nights × 2 variants
        await Expect(page.Locator("[data-series-group='Pixel 7'] [data-chart=trend]")).ToHaveAttributeAsync("data-points", "60");
        await Expect(pixel8Chart.Locator(".trend-marker[data-kind=openregression]")).ToHaveCountAsync(1);
        await Expect(pixel8Chart.Locator(".trend-marker[data-kind=changepoint]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-series-group='Pixel 7'] .trend-marker")).ToHaveCountAsync(0);
        await Expect(pixel8Chart.Locator("[data-axis=y]")).ToHaveTextAsync("decode speed (tokens/s)");
        await PageMarks.ScreenshotAsync(page, "trends");

        await PageMarks.InteractiveAsync(page);
        await pixel8Chart.Locator("a.trend-point").Last.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/runs/{runs[^1].Id}$"));
        await Expect(page.Locator("h4")).ToContainTextAsync($"Run #{runs[^1].Id}");
    }

    [Fact]
    public async Task Times_are_shown_in_the_viewers_time_zone()
    {
        var seed = new DashboardSeed(lab.CreateDbContext, await lab.SeededHostAsync());
        var device = await seed.DeviceAsync("Pixel 7");
        var (_, variants) = await seed.ModelAsync("zone-llama", QuantType.Q4_0);
        var run = await seed.RunAsync([device], variants, Speed, new DateTimeOffset(2026, 1, 15, 21, 30, 0, TimeSpan.Zero));
        var (browser, page) = await lab.SignInAsync(DashboardLab.ViewerEmail, timeZone: "Asia/Tokyo");
        await using var _ = browser;

        await page.GotoAsync($"/runs?page=1");
        var created = page.Locator($"tr[data-run='{run.Id}'] .timestamp-local");

        // 21:30 UTC is 06:30 the next morning in Tokyo.
        await Expect(created).ToContainTextAsync("2026-01-16 06:30");
        await Expect(page.Locator($"tr[data-run='{run.Id}'] .timestamp")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("UTC\\+09:00 \\(Asia/Tokyo\\)"));
        // The next page's prerender already knows the zone (cookie): no UTC flash.
        await page.ReloadAsync();
        Assert.Contains("2026-01-16 06:30", await page.Locator($"tr[data-run='{run.Id}'] .timestamp-local").TextContentAsync());
    }
}
