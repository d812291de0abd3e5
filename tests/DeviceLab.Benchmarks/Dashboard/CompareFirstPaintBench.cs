using System.Diagnostics;
using System.Globalization;
using DeviceLab.Testing;
using DeviceLab.Testing.Adb;
using DeviceLab.Testing.Browser;
using DeviceLab.Testing.Postgres;
using Microsoft.Playwright;

namespace DeviceLab.Benchmarks.Dashboard;

/// <summary>
/// Time to first paint of the compare page with a year of nightly results in the database: the built server as a
/// process on real PostgreSQL, Debian's chromium signed in, the page loaded afresh <c>--loads</c> times (after warm-up
/// loads), each load's <c>first-contentful-paint</c> from the browser's paint timing, and the server's own compare query
/// time from its log. Reports p50 / p95 / max. Options: <c>--loads N</c> (20), <c>--nights N</c> (365),
/// <c>--device-models N</c> (20), <c>--warmup N</c> (3).
/// </summary>
internal static class CompareFirstPaintBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var loads = Option(args, "--loads", 20);
        var nights = Option(args, "--nights", 365);
        var deviceModels = Option(args, "--device-models", 20);
        var warmup = Option(args, "--warmup", 3);

        var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        using var data = new TemporaryFolder("bench-data");
        try
        {
            await using var server = await BenchServerProcess.StartAsync(database.ConnectionString, data.Path, LoopbackPorts.PickFree());
            var seeding = Stopwatch.StartNew();
            var seeded = await NightlyHistorySeed.WriteAsync(database.ConnectionString, nights, deviceModels);
            Console.WriteLine($"dashboard-compare: seeded {nights} nights × {deviceModels} device models ({seeded.Devices} devices) × 4 variants = " +
                              $"{seeded.Results:N0} results, {seeded.TokenTimings:N0} token timings (last {NightlyHistorySeed.TokenNights} nights) in {seeding.Elapsed.TotalSeconds:0} s");

            await using var browser = await ChromiumBrowser.StartAsync(server.BaseUrl, "Europe/Berlin");
            var page = await browser.PageAsync();
            await SignInAsync(page);
            var url = $"/compare?model={seeded.ModelId}";
            var paints = new List<double>();
            var responses = new List<double>();
            for (var load = 0; load < warmup + loads; load++)
            {
                await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                var timing = await page.EvaluateAsync<double[]>("""
                    () => new Promise(resolve => {
                      const read = () => {
                        const paint = performance.getEntriesByName('first-contentful-paint')[0];
                        const navigation = performance.getEntriesByType('navigation')[0];
                        if (paint) resolve([paint.startTime, navigation.responseEnd]); else requestAnimationFrame(read);
                      };
                      read();
                    })
                    """);
                var rows = await page.Locator(".compare-table").GetAttributeAsync("data-rows");
                if (rows != (deviceModels * 4).ToString(CultureInfo.InvariantCulture))
                    throw new InvalidOperationException($"the compare page showed {rows ?? "no"} rows, expected {deviceModels * 4}");
                if (load < warmup) continue;
                paints.Add(timing[0]);
                responses.Add(timing[1]);
            }
            // The prerender and the interactive circuit each run the query once per load (the second is skipped when the
            // prerendered state is handed over); take the figures of the measured loads only.
            var queryMs = server.CompareQueryMs().Skip(warmup).ToList();

            Console.WriteLine($"compare page, {deviceModels * 4} rows, {loads} loads (after {warmup} warm-up), chromium headless, 1440×900:");
            Console.WriteLine($"  first contentful paint: p50 {Percentile(paints, 0.5):0} ms, p95 {Percentile(paints, 0.95):0} ms, max {paints.Max():0} ms");
            Console.WriteLine($"  HTML response complete: p50 {Percentile(responses, 0.5):0} ms, p95 {Percentile(responses, 0.95):0} ms");
            Console.WriteLine($"  compare query (server log, {queryMs.Count} runs): p50 {Percentile(queryMs, 0.5):0} ms, p95 {Percentile(queryMs, 0.95):0} ms, max {queryMs.DefaultIfEmpty(0).Max():0} ms");
            return 0;
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-interactive]') !== null");
        await page.FillAsync("input[name=email]", BenchServerProcess.AdminEmail);
        await page.FillAsync("input[name=password]", BenchServerProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }
}
