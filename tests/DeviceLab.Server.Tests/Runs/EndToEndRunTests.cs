using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Tests.Lab;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DeviceLab.Server.Tests.Runs;

/// <summary>The acceptance run: a suite of F16, Q8_0 and Q4_0 on both virtual devices, through the real adb server and the AOT agent.</summary>
[Collection(LabCollection.Name)]
public sealed class EndToEndRunTests(LabFixture lab, ITestOutputHelper output)
{
    [Fact]
    public async Task A_suite_runs_every_variant_on_both_devices_and_results_timings_and_samples_arrive_in_PostgreSQL_and_live()
    {
        await using var live = lab.CreateLiveClient();
        await live.StartAsync();
        using var client = lab.CreateClient(DeviceLabRole.Operator);
        var variants = new[] { lab.F16, lab.Q8, lab.Q4 };
        using var created = await client.PostAsJsonAsync("/api/v1/suites", new
        {
            name = "e2e-tiny", variantIds = variants, deviceSelector = new DeviceSelector(["virtual"], []), parameters = LabRuns.Quick,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var suiteId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        var clock = Stopwatch.StartNew();
        using var triggered = await client.PostAsync($"/api/v1/suites/{suiteId}:trigger", null);
        Assert.Equal(HttpStatusCode.Created, triggered.StatusCode);
        var runId = JsonDocument.Parse(await triggered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        await live.WatchRunAsync(runId);
        var run = await LabRuns.WaitForEndAsync(client, runId);
        clock.Stop();

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        var jobs = LabRuns.Jobs(run);
        Assert.Equal(new[] { lab.DeviceAId, lab.DeviceBId }.Order(), jobs.Select(j => j.GetProperty("deviceId").GetInt64()).Order());
        Assert.All(jobs, j => Assert.Equal(1, j.GetProperty("attempt").GetInt32()));

        await using (var db = lab.CreateDbContext())
        {
            var jobIds = jobs.Select(j => j.GetProperty("id").GetInt64()).ToArray();
            var results = await db.Results.AsNoTracking().Where(r => jobIds.Contains(r.RunJobId)).ToListAsync();
            Assert.Equal(6, results.Count); // 3 variants × 2 devices
            Assert.All(results, r =>
            {
                Assert.Equal(2, r.DecodeTokensPerSecond!.Value.Count);
                Assert.Equal(2 * 16, r.DecodeMsPerToken!.Value.Count);
                Assert.True(r.DecodeMsPerToken.Value.Mean > 0);
                Assert.True(r.IsVirtual);
                Assert.True(r.IsSimulated); // a virtual device's battery is simulated, and says so
                Assert.True(r.PeakMemoryBytes > 0);
                var context = r.Context!.Value;
                Assert.Equal("x86_64", context.GetProperty("device").GetProperty("abi").GetString());
                Assert.True(context.GetProperty("device").GetProperty("is_virtual").GetBoolean());
                Assert.Equal(lab.LabHostName, context.GetProperty("lab_host").GetString());
                Assert.Equal(2, context.GetProperty("admissions").GetArrayLength());
                Assert.All(context.GetProperty("device_settings").EnumerateArray(), s => Assert.Equal("unsupported", s.GetProperty("outcome").GetString()));
            });
            Assert.Equal(variants.Order(), results.Where(r => r.DeviceId == lab.DeviceAId).Select(r => r.VariantId).Order());
            foreach (var jobId in jobIds)
            {
                Assert.Equal(3 * 2 * 16, await db.TokenTimings.CountAsync(t => t.RunJobId == jobId && t.Attempt == 1));
                Assert.True(await db.TelemetrySamples.CountAsync(s => s.RunJobId == jobId && s.Source == "simulated") > 0);
                Assert.True(await db.TelemetrySamples.CountAsync(s => s.RunJobId == jobId && s.Metric == "memory.resident") > 0);
                var attempt = await db.RunJobAttempts.AsNoTracking().SingleAsync(a => a.RunJobId == jobId);
                Assert.Equal(RunJobAttemptStatus.Succeeded, attempt.Status);
                Assert.False(attempt.IsPartial);
                Assert.Equal(0, attempt.AgentExitCode);
                Assert.Equal(6, attempt.RepetitionsDone);
                Assert.Equal("adb", attempt.AgentHello!.Value.GetProperty("mode").GetString());
            }
        }

        // Live: both jobs' progress and end, the run's end, and the run's streams reached the watching client.
        await Eventually.TrueAsync(() => Task.FromResult(live.Runs.Any(r => r.RunId == runId && r.Status == RunStatus.Succeeded)), TimeSpan.FromSeconds(10), "run end pushed live");
        Assert.Equal(2, live.Jobs.Where(j => j.RunId == runId && j.Status == RunJobStatus.Succeeded).Select(j => j.RunJobId).Distinct().Count());
        Assert.Contains(live.Jobs, j => j.RunId == runId && j.Status == RunJobStatus.Running && j.RepetitionsDone > 0);
        Assert.True(live.Tokens.Where(t => t.Batch.RunId == runId).Sum(t => t.Batch.Tokens.Count) > 0);
        Assert.True(live.Telemetry.Where(t => t.Batch.RunId == runId).Sum(t => t.Batch.Samples.Count) > 0);
        Assert.Contains(live.Phases, p => p.RunId == runId && p.Phase == "decode");
        var latencies = live.LatenciesMs();
        output.WriteLine($"run of 3 variants × 2 devices (prompt 16, gen 16, 1 warm-up + 2 reps): trigger → succeeded in {clock.ElapsedMilliseconds} ms");
        output.WriteLine($"server read → SignalR client: {latencies.Count} batches, p50 {LiveRecorder.Percentile(latencies, 0.5):0.0} ms, " +
            $"p95 {LiveRecorder.Percentile(latencies, 0.95):0.0} ms, max {latencies.Max():0.0} ms");
    }

    [Fact]
    public async Task A_device_that_already_has_the_agent_and_variants_gets_nothing_pushed_again()
    {
        using var client = lab.CreateClient(DeviceLabRole.Operator);
        var first = await LabRuns.CreateRunAsync(client, [lab.Q4], ["lab-a"], LabRuns.Quick);
        Assert.Equal("succeeded", (await LabRuns.WaitForEndAsync(client, first.GetProperty("id").GetInt64())).GetProperty("status").GetString());

        var second = await LabRuns.CreateRunAsync(client, [lab.Q4], ["lab-a"], LabRuns.Quick);
        var run = await LabRuns.WaitForEndAsync(client, second.GetProperty("id").GetInt64());

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        var files = LabRuns.Jobs(run).Single().GetProperty("attempts")[0].GetProperty("preparation").GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["agent", "variant"], files.Select(f => f.GetProperty("kind").GetString()));
        Assert.All(files, f => Assert.False(f.GetProperty("pushed").GetBoolean()));
    }
}
