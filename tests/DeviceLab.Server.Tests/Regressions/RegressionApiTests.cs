using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Gate;
using DeviceLab.Core.Regressions.Reports;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Regressions;

/// <summary>The regressions API over HTTP with real API keys: list and filters, detail, triage round trip, CI gate.</summary>
[Collection(RegressionServerCollection.Name)]
public sealed class RegressionApiTests(RegressionServer server)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_list_filters_by_suite_status_variant_device_model_and_metric_and_names_a_bad_filter()
    {
        var seeded = await server.SeedAndDetectAsync("api-list");
        var suite = await SuiteNameAsync(seeded.SuiteId);
        using var viewer = server.CreateClient(DeviceLabRole.Viewer);

        var open = await viewer.GetFromJsonAsync<RegressionList>($"/api/v1/regressions?suite={suite}&status=open", Json);
        Assert.Equal(1, open!.Total); // one slow-down, one regression: ms/token mirrors tokens/s (ADR 0105)
        Assert.All(open.Items, r => Assert.Equal((suite, "Pixel 8", "Q4_0", RegressionDirection.Regression), (r.Suite, r.DeviceModel, r.Variant, r.Direction)));
        Assert.Equal(1, (await ListAsync(viewer, $"suite={suite}&variant=q4_0&deviceModel=Pixel%208&triage=untriaged")).Total);
        Assert.Equal(0, (await ListAsync(viewer, $"suite={suite}&variant=Q8_0")).Total);
        Assert.Equal(0, (await ListAsync(viewer, $"suite={suite}&deviceModel=Galaxy%20S24")).Total);
        var decode = Assert.Single((await ListAsync(viewer, $"suite={suite}&metric=decode_tokens_per_second")).Items);
        Assert.Equal("tokens/s", decode.Unit);
        Assert.Equal(2, decode.AffectedDevices.Count);
        Assert.Equal(["decode_ms_per_token"], decode.MirrorMetrics);
        // Asking for the mirror finds the same regression.
        Assert.Equal(decode.Id, Assert.Single((await ListAsync(viewer, $"suite={suite}&metric=decode_ms_per_token")).Items).Id);

        var bad = await viewer.GetAsync($"/api/v1/regressions?status=opened&triage=later");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("'opened' is not a status; use one of open, closed.", problem);
        Assert.Contains("'later' is not a triage; use one of untriaged, acknowledged, invalid, fixed, wont_fix.", problem);

        using var anonymous = server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/regressions")).StatusCode);
    }

    [Fact]
    public async Task Triage_round_trips_with_who_and_when_and_the_history_and_only_operators_may_triage()
    {
        var seeded = await server.SeedAndDetectAsync("api-triage");
        var id = (await ListAsync(server.CreateClient(DeviceLabRole.Viewer), $"suite={await SuiteNameAsync(seeded.SuiteId)}&metric=decode_tokens_per_second")).Items[0].Id;
        using var viewer = server.CreateClient(DeviceLabRole.Viewer);
        using var operatorClient = server.CreateClient(DeviceLabRole.Operator);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PatchAsJsonAsync($"/api/v1/regressions/{id}/triage", TriageRequest.For(TriageState.Acknowledged, "mine"), Json)).StatusCode);
        var acknowledged = await operatorClient.PatchAsJsonAsync($"/api/v1/regressions/{id}/triage", TriageRequest.For(TriageState.Acknowledged, "Looking at the Q4_0 kernel."), Json);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var fixedResponse = await operatorClient.PatchAsJsonAsync($"/api/v1/regressions/{id}/triage", new TriageRequest("fixed", "Reverted in 1f2e3d."), Json);
        var detail = (await fixedResponse.Content.ReadFromJsonAsync<RegressionDetail>(Json))!;

        Assert.Equal(TriageState.Fixed, detail.Regression.Triage);
        Assert.Equal("Reverted in 1f2e3d.", detail.Regression.TriageNote);
        Assert.Equal("test-operator", detail.Regression.TriagedBy);
        Assert.Equal([TriageState.Acknowledged, TriageState.Fixed], detail.TriageHistory.Select(e => e.State));
        Assert.Equal(["Looking at the Q4_0 kernel.", "Reverted in 1f2e3d."], detail.TriageHistory.Select(e => e.Note));
        var again = await viewer.GetFromJsonAsync<RegressionDetail>($"/api/v1/regressions/{id}", Json);
        Assert.Equal(TriageState.Fixed, again!.Regression.Triage);
        Assert.Equal(RegressionStatus.Open, again.Regression.Status); // the level has not come back: triage does not close it

        var badState = await operatorClient.PatchAsJsonAsync($"/api/v1/regressions/{id}/triage", new TriageRequest("done", null), Json);
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Contains("'done' is not a triage state", await badState.Content.ReadAsStringAsync());
        var tooLong = await operatorClient.PatchAsJsonAsync($"/api/v1/regressions/{id}/triage", new TriageRequest("invalid", new string('x', 5000)), Json);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(TriageState.Fixed, (await viewer.GetFromJsonAsync<RegressionDetail>($"/api/v1/regressions/{id}", Json))!.Regression.Triage); // nothing lost
        var missing = await operatorClient.PatchAsJsonAsync("/api/v1/regressions/999999/triage", new TriageRequest("fixed", null), Json);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("There is no regression with id 999999.", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_detail_shows_the_nights_around_the_first_bad_one()
    {
        var seeded = await server.SeedAndDetectAsync("api-detail");
        using var viewer = server.CreateClient(DeviceLabRole.Viewer);
        var id = (await ListAsync(viewer, $"suite={await SuiteNameAsync(seeded.SuiteId)}&metric=decode_tokens_per_second")).Items[0].Id;

        var detail = (await viewer.GetFromJsonAsync<RegressionDetail>($"/api/v1/regressions/{id}", Json))!;

        var firstBad = detail.Regression.FirstBadNight;
        Assert.Equal(firstBad.AddDays(-30), detail.Window[0].Night);
        Assert.Equal(NightlyFleetSeed.FirstNight.AddDays(59), detail.Window[^1].Night);
        Assert.All(detail.Window, p => Assert.Equal((2, 10L), (p.Results, p.Count))); // two Pixel 8s × five repetitions
        var before = detail.Window.Where(p => p.Night < firstBad).Average(p => p.Median);
        var after = detail.Window.Where(p => p.Night >= firstBad).Average(p => p.Median);
        Assert.InRange(after / before - 1, -0.14, -0.07);
        Assert.Empty(detail.TriageHistory);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/v1/regressions/999999")).StatusCode);
    }

    [Fact]
    public async Task The_gate_fails_a_run_with_open_regressions_and_passes_once_they_are_wont_fix()
    {
        var seeded = await server.SeedAndDetectAsync("api-gate");
        using var viewer = server.CreateClient(DeviceLabRole.Viewer);
        using var operatorClient = server.CreateClient(DeviceLabRole.Operator);

        var gate = (await viewer.GetFromJsonAsync<RunGateReport>($"/api/v1/runs/{seeded.RunIds[^1]}/gate", Json))!;
        Assert.Equal((GateState.Judged, false), (gate.State, gate.Passed));
        Assert.Single(gate.OpenRegressions);
        Assert.Contains(gate.Reasons, r => r.StartsWith("Open regression") && r.Contains("decode_tokens_per_second -1") && r.Contains("Pixel 8 · "));
        Assert.Equal(20, gate.Verdicts.Count); // every watched series the run measured (24 less the 4 ms/token mirrors)
        Assert.DoesNotContain(gate.Verdicts, v => v.Verdict == GateVerdict.Fail);

        var early = (await viewer.GetFromJsonAsync<RunGateReport>($"/api/v1/runs/{seeded.RunIds[SlowNightMinus(1)]}/gate", Json))!;
        Assert.Equal(GateState.Judged, early.State);
        Assert.True(early.Passed); // before the slow-down nothing blocks it (a later regression is not this run's)

        foreach (var regression in gate.OpenRegressions)
            (await operatorClient.PatchAsJsonAsync($"/api/v1/regressions/{regression.Id}/triage", TriageRequest.For(TriageState.WontFix, "Accepted: the new kernel is more accurate."), Json)).EnsureSuccessStatusCode();
        var accepted = (await viewer.GetFromJsonAsync<RunGateReport>($"/api/v1/runs/{seeded.RunIds[^1]}/gate", Json))!;
        Assert.True(accepted.Passed);
        Assert.Empty(accepted.OpenRegressions);
    }

    [Fact]
    public async Task The_gate_says_when_it_has_no_verdict_and_names_a_missing_run()
    {
        var seeded = await server.SeedAsync("api-gate-pending", nights: 8);
        using var viewer = server.CreateClient(DeviceLabRole.Viewer);

        var pending = (await viewer.GetFromJsonAsync<RunGateReport>($"/api/v1/runs/{seeded.RunIds[^1]}/gate", Json))!;
        Assert.Equal(GateState.Pending, pending.State);
        Assert.Contains("has not processed run", pending.Reasons[0]);
        await using (var db = server.CreateDbContext())
        {
            var run = await db.Runs.SingleAsync(r => r.Id == seeded.RunIds[0]);
            run.Trigger = RunTrigger.Manual;
            await db.SaveChangesAsync();
        }
        var manual = (await viewer.GetFromJsonAsync<RunGateReport>($"/api/v1/runs/{seeded.RunIds[0]}/gate", Json))!;
        Assert.Equal(GateState.NotTracked, manual.State);
        Assert.Contains("triggered 'manual'", manual.Reasons[0]);
        Assert.Null(await server.DetectAsync(seeded.RunIds[0])); // the job does not count it either

        await server.DetectAsync(seeded.RunIds[^1]);
        var young = (await viewer.GetFromJsonAsync<RunGateReport>($"/api/v1/runs/{seeded.RunIds[^1]}/gate", Json))!;
        Assert.True(young.Passed);
        Assert.All(young.Verdicts, v => Assert.Equal(GateVerdict.Pass, v.Verdict)); // 6 earlier nights (the manual one is left out): enough
        var missing = await viewer.GetAsync("/api/v1/runs/999999/gate");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_suite_can_set_its_own_detector_thresholds_and_bad_ones_are_refused()
    {
        var seeded = await server.SeedAsync("api-detector", nights: 1);
        using var viewer = server.CreateClient(DeviceLabRole.Viewer);
        using var operatorClient = server.CreateClient(DeviceLabRole.Operator);
        var path = $"/api/v1/suites/{seeded.SuiteId}/detector";

        var defaults = await viewer.GetFromJsonAsync<JsonElement>(path, Json);
        Assert.Equal(0.001, defaults.GetProperty("maxPValue").GetDouble());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync(path, new { maxPValue = 1e-4 })).StatusCode);
        var bad = await operatorClient.PutAsJsonAsync(path, new { maxPValue = 2.0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("MaxPValue is 2; it must be strictly between 0 and 1.", await bad.Content.ReadAsStringAsync());
        var set = await operatorClient.PutAsJsonAsync(path, new { maxPValue = 1e-4 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var now = await viewer.GetFromJsonAsync<JsonElement>(path, Json);
        Assert.Equal(1e-4, now.GetProperty("maxPValue").GetDouble());
        Assert.Equal(0.038, now.GetProperty("minRelativeMagnitude").GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/v1/suites/999999/detector")).StatusCode);
    }

    private static int SlowNightMinus(int nights) => RegressionScenario.SlowNight - nights;

    private static async Task<RegressionList> ListAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<RegressionList>($"/api/v1/regressions?{query}", Json))!;

    private async Task<string> SuiteNameAsync(long suiteId)
    {
        await using var db = server.CreateDbContext();
        return await db.Suites.Where(s => s.Id == suiteId).Select(s => s.Name).SingleAsync();
    }
}
