using System.Net.Http.Headers;
using System.Text.Json;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Suites;
using DeviceLab.Server.Tests.Models;
using DeviceLab.Testing.Adb;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeviceLab.Server.Tests.Browser;

/// <summary>
/// The whole farm under the dashboard: two virtual devices on the lab's real adb server run the real NativeAOT agent on
/// a tiny synthetic model's three variants, started with the suite page's "Run now"; the run page fills in live.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class RunLiveTests(DashboardLab lab)
{
    [Fact]
    public async Task A_run_started_from_the_dashboard_updates_its_page_live_and_completes()
    {
        AgentBuilds.Require();
        await using var devices = new VirtualDeviceFixture(lab.Adb);
        var started = await Task.WhenAll(devices.StartAsync(cores: "0"), devices.StartAsync(cores: "1"));
        foreach (var device in started) await lab.WaitForDeviceAsync(device.Serial, DeviceState.Online);
        var variants = await UploadAndBuildAsync();
        var suite = await CreateSuiteAsync(variants);
        var (operatorBrowser, page) = await lab.SignInAsync(DashboardLab.OperatorEmail);
        await using var _ = operatorBrowser;

        await page.GotoAsync($"/suites/{suite.Id}");
        await PageMarks.InteractiveAsync(page);
        await page.ClickAsync("[data-action=run-now]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/runs/\\d+$"));
        var runId = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);
        await PageMarks.InteractiveAsync(page);
        await PageMarks.MarkAsync(page);

        // While it runs: operators may cancel, viewers may not.
        await Expect(page.Locator("[data-action=cancel-run]")).ToBeVisibleAsync();
        var (viewerBrowser, viewerPage) = await lab.SignInAsync(DashboardLab.ViewerEmail);
        await using (viewerBrowser)
        {
            await viewerPage.GotoAsync($"/runs/{runId}");
            await PageMarks.InteractiveAsync(viewerPage);
            await Expect(viewerPage.Locator("[data-section=jobs]")).ToBeVisibleAsync();
            await Expect(viewerPage.Locator("[data-action=cancel-run]")).ToHaveCountAsync(0);
        }

        // The token chart gains points while the page stays as it is.
        var chart = page.Locator("[data-section=token-chart]");
        var first = await WaitForTokensAsync(chart, above: 0);
        await PageMarks.ScreenshotAsync(page, "live-run");
        await WaitForTokensAsync(chart, above: first);
        await Expect(page.Locator("[data-section=memory-chart] [data-chart=line]")).Not.ToHaveAttributeAsync("data-points", "0");

        await Expect(page.Locator("[data-run-status]")).ToHaveAttributeAsync("data-run-status", "succeeded", new() { Timeout = 120_000 });
        await Expect(page.Locator("[data-section=jobs] tr[data-status=succeeded]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-section=results]")).ToBeVisibleAsync();
        // The real agent's peak_rss_method, kept in each result's context, labels its peak memory.
        var measuredBy = page.Locator("[data-section=results] [data-metric=peak_memory_bytes] [data-peak-memory-method]");
        await Expect(measuredBy).ToHaveCountAsync(3);
        foreach (var method in await measuredBy.AllAsync())
            await Expect(method).ToHaveAttributeAsync("data-peak-memory-method", new System.Text.RegularExpressions.Regex("^(hwm_reset|rss_sampled_max)$"));
        await Expect(page.Locator("[data-action=cancel-run]")).ToHaveCountAsync(0);
        Assert.True(await PageMarks.NotReloadedAsync(page), "the run page updated without a reload");

        // What it measured is what compare shows, labelled virtual.
        await page.GotoAsync($"/compare?model={variants.ModelId}&run={runId}");
        await Expect(page.Locator(".compare-table")).ToHaveAttributeAsync("data-rows", new System.Text.RegularExpressions.Regex("^[36]$"));
        await Expect(page.Locator(".compare-table [data-source=virtual]").First).ToBeVisibleAsync();
        await Expect(page.Locator(".compare-table [data-metric=peak_memory_bytes] [data-peak-memory-method]").First)
            .ToHaveAttributeAsync("data-peak-memory-method", new System.Text.RegularExpressions.Regex("^(hwm_reset|rss_sampled_max|mixed)$"));
    }

    private static async Task<int> WaitForTokensAsync(ILocator chart, int above)
    {
        var deadline = DateTime.UtcNow + DashboardLab.Patience;
        while (true)
        {
            if (int.TryParse(await chart.GetAttributeAsync("data-tokens"), out var tokens) && tokens > above) return tokens;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the token chart did not grow beyond {above} tokens; the run page shows:\n{await chart.Page.Locator(".mud-main-content").InnerTextAsync()}");
            await Task.Delay(100);
        }
    }

    private sealed record LabVariants(long ModelId, long F16, long Q8, long Q4);

    // The model goes in the way a user's does: uploaded through the API, variants built by the server's job.
    private async Task<LabVariants> UploadAndBuildAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(lab.BaseUrl) };
        client.DefaultRequestHeaders.Add(BearerCredential.ApiKeyHeader, lab.Factory.ApiKeyOf(DeviceLabRole.Operator));
        var content = new ByteArrayContent(ModelFiles.TinyF16);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var upload = await client.PostAsync($"/api/v1/models?name=dash-tiny-{Guid.NewGuid().ToString("N")[..6]}", content);
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var modelId = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using var build = await client.PostAsync($"/api/v1/models/{modelId}/variants:build",
            new StringContent("""{"quants":["q8_0","q4_0"]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(build.IsSuccessStatusCode, await build.Content.ReadAsStringAsync());
        var deadline = DateTime.UtcNow + DashboardLab.Patience;
        while (true)
        {
            var model = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/models/{modelId}")).RootElement;
            var all = model.GetProperty("variants").EnumerateArray().ToList();
            if (all.Count == 3 && all.All(v => v.GetProperty("buildStatus").GetString() == "ready"))
            {
                long Id(string quant) => all.Single(v => v.GetProperty("quantType").GetString() == quant).GetProperty("id").GetInt64();
                return new LabVariants(modelId, Id("f16"), Id("q8_0"), Id("q4_0"));
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"variants not built: {model}\n{lab.Log.Recent()}");
            await Task.Delay(250);
        }
    }

    // A suite that lasts a few seconds on purpose: admission asks for a battery colder than -20 °C, so each measured
    // repetition waits its 1 s limit and runs anyway (recorded as forced), while telemetry streams.
    private async Task<Suite> CreateSuiteAsync(LabVariants variants)
    {
        await using var db = lab.CreateDbContext();
        var suite = new Suite
        {
            Name = $"dash-live-{Guid.NewGuid().ToString("N")[..6]}", VariantIds = [variants.F16, variants.Q8, variants.Q4],
            DeviceSelector = new DeviceSelector(["virtual"], []),
            Parameters = new SuiteParameters(PromptTokens: 16, GeneratedTokens: 24, Threads: 1, Warmups: 1, Repetitions: 3,
                Admission: new AdmissionPolicy(MinBatteryPercent: 0, MaxBatteryPercent: 100, RequireNotCharging: false, MaxBatteryTemperatureC: -20, MaxWaitMs: 1000)),
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Suites.Add(suite);
        await db.SaveChangesAsync();
        return suite;
    }
}
