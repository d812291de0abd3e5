using DeviceLab.Core.Devices;
using DeviceLab.Core.Models;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Statistics;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using DeviceLab.Server.Regressions.Series;
using DeviceLab.Server.Results;
using DeviceLab.Server.Runs;
using DeviceLab.Server.Suites;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Regressions;

/// <summary>What a nightly point is made of, computed in PostgreSQL from hand-made results (test data).</summary>
[Collection(RegressionServerCollection.Name)]
public sealed class NightlyPointAggregationTests(RegressionServer server)
{
    private static readonly DateTimeOffset Evening = DateTimeOffset.Parse("2026-03-01T23:30:00Z");

    [Fact]
    public async Task A_point_is_the_median_of_the_results_medians_with_the_pooled_spread_and_count_of_every_repetition()
    {
        var fleet = await FleetAsync();
        var nightly = await RunAsync(fleet, RunTrigger.Nightly, RunStatus.Succeeded);
        await ResultAsync(fleet, nightly, fleet.DeviceA, attempt: 1, decode: [10, 10, 10], memory: 900e6, energy: (99, true)); // retried: not counted
        await ResultAsync(fleet, nightly, fleet.DeviceA, attempt: 2, decode: [20, 21, 22], memory: 700e6, energy: (30, true));
        await ResultAsync(fleet, nightly, fleet.DeviceB, attempt: 1, decode: [18, 19], memory: 710e6, energy: (50, false)); // charging: not counted
        await ResultAsync(fleet, await RunAsync(fleet, RunTrigger.Manual, RunStatus.Succeeded), fleet.DeviceB, attempt: 1, decode: [5, 5], memory: 1, energy: (1, true));
        await ResultAsync(fleet, await RunAsync(fleet, RunTrigger.Nightly, RunStatus.Cancelled), fleet.DeviceB, attempt: 1, decode: [5, 5], memory: 1, energy: (1, true));

        var points = await RebuildAsync(fleet.SuiteId, "UTC", new DateOnly(2026, 3, 1));

        var decode = points.Single(p => p.Metric == "decode_tokens_per_second");
        Assert.Equal(new DateOnly(2026, 3, 1), decode.Night);
        Assert.Equal("Pixel 8", decode.DeviceModel);
        Assert.Equal((21 + 18.5) / 2, decode.Median, 9); // device A's median 21, device B's 18.5
        Assert.Equal(SampleSummary.Of([20.0, 21, 22, 18, 19]).StdDev, decode.Spread, 9);
        Assert.Equal((5L, 2), (decode.Count, decode.Results));
        Assert.Equal([nightly], decode.RunIds);
        Assert.Equal([fleet.DeviceA, fleet.DeviceB], decode.DeviceIds);
        var memory = points.Single(p => p.Metric == "peak_memory_bytes");
        Assert.Equal(705e6, memory.Median, 3);
        Assert.Equal(SampleSummary.Of([700e6, 710e6]).StdDev, memory.Spread, 3);
        var energy = points.Single(p => p.Metric == "energy_mj_per_token");
        Assert.Equal((30.0, 1), (energy.Median, energy.Results));
        Assert.DoesNotContain(points, p => p.Metric == "prefill_tokens_per_second"); // not measured: no point, not a zero
    }

    [Theory]
    [InlineData("UTC", "2026-03-01")]
    [InlineData("Europe/Berlin", "2026-03-02")]      // 00:30 local: the run belongs to the new local date
    [InlineData("America/Los_Angeles", "2026-03-01")]
    public async Task The_night_is_the_runs_start_date_in_the_configured_time_zone(string zone, string expected)
    {
        var fleet = await FleetAsync();
        var run = await RunAsync(fleet, RunTrigger.Nightly, RunStatus.Succeeded);
        await ResultAsync(fleet, run, fleet.DeviceA, attempt: 1, decode: [20, 21], memory: 700e6, energy: (30, true));
        var night = DateOnly.Parse(expected);
        Assert.Equal(night, new NightCalendar(zone).NightOf(Evening));

        var points = await RebuildAsync(fleet.SuiteId, zone, night);

        Assert.All(points, p => Assert.Equal(night, p.Night));
        Assert.NotEmpty(points);
    }

    private async Task<List<NightlyPoint>> RebuildAsync(long suiteId, string zone, DateOnly night)
    {
        await using var db = server.CreateDbContext();
        var aggregation = new NightlyPointAggregation(db, zone, [RunTrigger.Nightly]);
        var nights = await aggregation.NightsToRebuildAsync(suiteId, night, CancellationToken.None);
        Assert.Equal([night], nights);
        await aggregation.RebuildAsync(suiteId, nights, DateTimeOffset.UtcNow, CancellationToken.None);
        return await db.NightlyPoints.AsNoTracking().Where(p => p.SuiteId == suiteId).ToListAsync();
    }

    private sealed record Fleet(long SuiteId, long VariantId, long DeviceA, long DeviceB);

    private async Task<Fleet> FleetAsync()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var created = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        await using var db = server.CreateDbContext();
        var host = await db.LabHosts.SingleAsync(h => h.Name == server.LabHostName);
        var variant = new Variant { Model = new Model { Name = $"m-{unique}", CreatedAt = created }, QuantType = QuantType.Q4_0, BuildStatus = VariantBuildStatus.Ready, CreatedAt = created };
        var a = new Device { LabHostId = host.Id, Serial = $"a-{unique}", Model = "Pixel 8", State = DeviceState.Online, CreatedAt = created };
        var b = new Device { LabHostId = host.Id, Serial = $"b-{unique}", Model = " Pixel 8", State = DeviceState.Online, CreatedAt = created }; // stray space: same model
        db.AddRange(variant, a, b);
        await db.SaveChangesAsync();
        var suite = new Suite { Name = $"aggregation-{unique}", VariantIds = [variant.Id], CreatedAt = created, UpdatedAt = created };
        db.Suites.Add(suite);
        await db.SaveChangesAsync();
        return new Fleet(suite.Id, variant.Id, a.Id, b.Id);
    }

    private async Task<long> RunAsync(Fleet fleet, RunTrigger trigger, RunStatus status)
    {
        await using var db = server.CreateDbContext();
        var run = new Run
        {
            SuiteId = fleet.SuiteId, Trigger = trigger, Status = status, VariantIds = [fleet.VariantId], DeviceSelector = DeviceSelector.Everything,
            Parameters = SuiteParameters.Default, CreatedAt = Evening.AddMinutes(-5), StartedAt = Evening,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    private async Task ResultAsync(Fleet fleet, long runId, long deviceId, int attempt, double[] decode, double memory, (double MjPerToken, bool Valid) energy)
    {
        await using var db = server.CreateDbContext();
        var job = await db.RunJobs.SingleOrDefaultAsync(j => j.RunId == runId && j.DeviceId == deviceId);
        if (job is null)
            db.RunJobs.Add(job = new RunJob { RunId = runId, DeviceId = deviceId, VariantIds = [fleet.VariantId], Status = RunJobStatus.Succeeded, CreatedAt = Evening });
        job.Attempt = Math.Max(job.Attempt, attempt); // a retry makes the job's current attempt the new one
        await db.SaveChangesAsync();
        db.Results.Add(new BenchmarkResult
        {
            RunJobId = job.Id, Attempt = attempt, VariantId = fleet.VariantId, DeviceId = deviceId,
            DecodeTokensPerSecond = SampleSummary.Of(decode), PeakMemoryBytes = (long)memory,
            EnergyMjPerToken = energy.MjPerToken, EnergyValid = energy.Valid, CreatedAt = Evening,
        });
        await db.SaveChangesAsync();
    }
}
