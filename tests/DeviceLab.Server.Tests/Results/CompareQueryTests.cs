using System.Net;
using System.Text.Json;
using DeviceLab.Core.Models;
using DeviceLab.Core.Statistics;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Results;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Results;

public sealed class CompareQueryTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    private CompareQuery Compare => server.Factory.Services.GetRequiredService<CompareQuery>();

    [Fact]
    public async Task Each_device_model_and_variant_pools_every_measurement_exactly_and_leaves_out_superseded_attempts()
    {
        var scenario = await ResultScenario.CreateAsync(server, "pooled");

        var rows = await Compare.RunAsync(new ResultFilter(ModelId: scenario.ModelId));

        Assert.Equal([("Pixel 7", QuantType.Q8_0), ("Pixel 7", QuantType.Q4_0), ("Pixel 8", QuantType.Q8_0), ("Pixel 8", QuantType.Q4_0)],
            rows.Select(r => (r.DeviceModel, r.QuantType)));
        foreach (var row in rows)
        {
            var perResult = scenario.DecodeMsByGroup[(row.DeviceModel, row.QuantType)];
            var everything = SampleSummary.Of(perResult.SelectMany(v => v).ToArray());
            var decode = row.Metrics["decode_ms_per_token"];
            Assert.Equal(perResult.Count, row.Results);
            Assert.Equal(everything.Count, decode.N);
            Assert.Equal(everything.Mean, decode.Mean!.Value, 9);
            Assert.Equal(everything.StdDev, decode.StdDev!.Value, 9); // pooled from per-result summaries = over all values
            Assert.Equal(everything.Min, decode.Min);
            Assert.Equal(everything.Max, decode.Max); // the retried attempt's 1000 ms never shows
            var medians = perResult.Select(v => SampleSummary.Of(v).P50).Order().ToArray();
            Assert.Equal(SampleSummary.Percentile(medians, 0.5), decode.P50!.Value, 9);
            Assert.Equal("ms/token", decode.Unit);
            Assert.Equal(row.DeviceModel == "Pixel 7" ? 2 : 1, row.Devices);
        }
        var pixel8 = rows.First(r => r.DeviceModel == "Pixel 8");
        Assert.True(pixel8.AllVirtual && pixel8.AnySimulated);
        var pixel7 = rows.First(r => r.DeviceModel == "Pixel 7");
        Assert.False(pixel7.AnyVirtual);
        Assert.Equal(1, pixel7.EnergyInvalidResults);
        Assert.Equal(pixel7.Results - 1, pixel7.Metrics["energy_mj_per_token"].Results);
        Assert.All(ResultMetric.All.Where(m => m.Name is not ("kl_divergence" or "top1_agreement")), m => Assert.True(pixel7.Metrics.ContainsKey(m.Name), m.Name));
        Assert.False(pixel7.Metrics.ContainsKey("kl_divergence")); // not measured: absent, never 0
    }

    [Fact]
    public async Task Filters_narrow_the_comparison()
    {
        var scenario = await ResultScenario.CreateAsync(server, "filtered");

        var real = await Compare.RunAsync(new ResultFilter(ModelId: scenario.ModelId, IncludeVirtual: false));
        var oneNight = await Compare.RunAsync(new ResultFilter(ModelId: scenario.ModelId, RunId: scenario.RunIds[1], DeviceModels: ["Pixel 7"], VariantIds: [scenario.Q4VariantId]));
        var window = await Compare.RunAsync(new ResultFilter(ModelId: scenario.ModelId, From: new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero)));

        Assert.All(real, r => Assert.Equal("Pixel 7", r.DeviceModel));
        var single = Assert.Single(oneNight);
        Assert.Equal(2, single.Results);
        Assert.All(window, r => Assert.Equal(r.DeviceModel == "Pixel 7" ? 2 : 1, r.Results));
    }

    [Fact]
    public async Task Series_give_one_point_per_night_per_device_model_and_variant()
    {
        var scenario = await ResultScenario.CreateAsync(server, "series");

        var lines = await server.Factory.Services.GetRequiredService<SeriesQuery>()
            .RunAsync(new ResultFilter(SuiteId: scenario.SuiteId), ResultMetric.DecodeMsPerToken);

        Assert.Equal(4, lines.Count);
        Assert.All(lines, l => Assert.Equal([new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2)], l.Nights.Select(n => n.Night)));
        var q4 = lines.Single(l => l.DeviceModel == "Pixel 7" && l.QuantType == QuantType.Q4_0);
        Assert.True(q4.Nights[1].Value.Mean > q4.Nights[0].Value.Mean); // night 2 was 1 ms slower
        Assert.Equal([scenario.RunIds[0]], q4.Nights[0].RunIds);
    }

    [Fact]
    public async Task The_API_answers_with_problem_details_for_bad_parameters()
    {
        using var client = server.CreateClient(DeviceLabRole.Viewer);

        using var series = await client.GetAsync("/api/v1/results/series?suiteId=1&metric=speed");
        using var range = await client.GetAsync("/api/v1/results/compare?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        using var format = await client.GetAsync("/api/v1/exports/compare?format=xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, series.StatusCode);
        Assert.Contains("Unknown metric 'speed'; known: decode_tokens_per_second", await series.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
    }

    [Fact]
    public async Task Exports_carry_every_metric_as_CSV_JSON_and_llama_bench_JSON()
    {
        var scenario = await ResultScenario.CreateAsync(server, "exported");
        using var client = server.CreateClient(DeviceLabRole.Viewer);

        var csv = await client.GetStringAsync($"/api/v1/exports/compare?modelId={scenario.ModelId}&format=csv");
        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/results/compare?modelId={scenario.ModelId}")).RootElement;
        var runCsv = await client.GetStringAsync($"/api/v1/exports/results?runId={scenario.RunIds[0]}&format=csv");
        var bench = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/exports/results?runId={scenario.RunIds[0]}&format=llama-bench")).RootElement;

        var lines = csv.TrimEnd().Split("\r\n");
        Assert.Equal(5, lines.Length);
        Assert.Contains("decode_ms_per_token_p90", lines[0]);
        Assert.StartsWith("Pixel 7,exported,q8_0,", lines[1]);
        Assert.Equal("q8_0", json[0].GetProperty("quantType").GetString());
        Assert.True(json[0].GetProperty("metrics").GetProperty("decode_ms_per_token").GetProperty("stdDev").GetDouble() > 0);
        Assert.Equal(1 + 3 * 2 + 2, runCsv.TrimEnd().Split("\r\n").Length); // header, 3 devices × 2 variants, 2 superseded
        // How peak memory was measured travels with it: a column in both CSVs, a field in the JSON.
        Assert.Equal("hwm_reset", Column(lines, 1, "peak_memory_method"));
        var runLines = runCsv.TrimEnd().Split("\r\n");
        Assert.All(runLines.Skip(1), (_, i) => Assert.Equal("hwm_reset", Column(runLines, i + 1, "peak_memory_method")));
        Assert.Equal("hwm_reset", json[0].GetProperty("peakMemoryMethod").GetString());
        var runJson = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/exports/results?runId={scenario.RunIds[0]}&format=json")).RootElement;
        Assert.All(runJson.EnumerateArray(), r => Assert.Equal("hwm_reset", r.GetProperty("peakMemoryMethod").GetString()));

        var tests = bench.EnumerateArray().ToList();
        Assert.Equal(3 * 2 * 2, tests.Count); // per current result: a prompt test and a generation test
        var timed = tests.Single(t => t.GetProperty("samples_ns").GetArrayLength() > 0);
        Assert.Equal(0, timed.GetProperty("n_prompt").GetInt32());
        Assert.Equal(8, timed.GetProperty("n_gen").GetInt32());
        Assert.Equal(scenario.TimedRepetitionsMs.Select(r => (long)(r.Sum() * 1e6)), timed.GetProperty("samples_ns").EnumerateArray().Select(s => s.GetInt64()));
        Assert.Contains("Q4_0", timed.GetProperty("model_type").GetString());
    }

    // Fields here hold no commas or quotes.
    private static string Column(string[] lines, int line, string name) =>
        lines[line].Split(',')[Array.IndexOf(lines[0].Split(','), name)];
}
