using DeviceLab.Server.Runs.Detail;

namespace DeviceLab.Server.Tests.Runs.Detail;

public class JobStreamTests
{
    private const long F16 = 1, Q4 = 2;
    private static string Name(long id) => id == F16 ? "F16" : "Q4_0";

    private static IEnumerable<(long, int, int, double)> Repetition(long variant, int repetition, int tokens, double ms) =>
        Enumerable.Range(0, tokens).Select(i => (variant, repetition, i, ms + i * 0.01));

    [Fact]
    public void Tokens_arrive_in_batches_and_a_redelivered_batch_adds_nothing()
    {
        var stream = new JobStream(7, 1, [F16, Q4]);

        Assert.Equal(4, stream.AddTokens(1, Repetition(F16, 0, 4, 50)));
        Assert.Equal(0, stream.AddTokens(1, Repetition(F16, 0, 4, 50)));
        Assert.Equal(4, stream.AddTokens(1, Repetition(Q4, 0, 4, 20)));

        Assert.Equal(8, stream.TokenCount);
        Assert.Equal(2, stream.RepetitionsSeen);
    }

    [Fact]
    public void The_token_chart_orders_repetitions_as_the_agent_ran_them_with_a_prefill_gap_before_each()
    {
        var stream = new JobStream(7, 1, [F16, Q4]);
        stream.AddTokens(1, Repetition(Q4, 0, 3, 20));   // arrival order does not matter
        stream.AddTokens(1, Repetition(F16, 0, 3, 50));
        stream.AddTokens(1, Repetition(F16, 1, 3, 51));

        var (series, prefills) = stream.TokenChart(Name);

        Assert.Equal(["F16", "Q4_0"], series.Select(s => s.Name));
        var gap = JobStream.PrefillGapTokens;
        Assert.Equal([(gap, 50.0), (gap + 1, 50.01), (gap + 2, 50.02)], series[0].Points.Take(3).ToArray());
        Assert.True(double.IsNaN(series[0].Points[3].Y)); // a break between F16's repetitions
        Assert.Equal(3, prefills.Count);
        Assert.Equal((0.0, (double)gap), (prefills[0].From, prefills[0].To));
        Assert.Equal("prefill before Q4_0 repetition 1", prefills[1].Label);
        Assert.Equal(2 * gap + 3, series[1].Points[0].X);
    }

    [Fact]
    public void A_newer_attempt_starts_over_and_an_older_one_is_ignored()
    {
        var stream = new JobStream(7, 1, [F16]);
        stream.AddTokens(1, Repetition(F16, 0, 4, 50));

        stream.AddTokens(2, Repetition(F16, 0, 2, 49));
        Assert.Equal(2, stream.Attempt);
        Assert.Equal(2, stream.TokenCount);

        Assert.Equal(0, stream.AddTokens(1, Repetition(F16, 1, 4, 50)));
        Assert.Equal(2, stream.TokenCount);
    }

    [Fact]
    public void Telemetry_charts_take_the_hottest_zone_and_keep_simulated_samples_apart()
    {
        var stream = new JobStream(7, 1, [F16]);
        stream.AddSamples(1, [(0, "thermal.zone/thermal_zone0", 35.0, "sysfs"), (0, "thermal.zone/thermal_zone1", 41.0, "sysfs"),
                              (250, "thermal.zone/thermal_zone0", 36.0, "sysfs"), (0, "battery.temperature", 30.0, "simulated")]);

        var series = stream.TelemetryChart([("battery.temperature", "battery"), ("thermal.zone", "hottest zone")]);

        var battery = Assert.Single(series, s => s.Name == "battery");
        Assert.True(battery.Dashed);
        var zones = Assert.Single(series, s => s.Name == "hottest zone");
        Assert.False(zones.Dashed);
        Assert.Equal([(0.0, 41.0), (0.25, 36.0)], zones.Points.ToArray());
        Assert.True(stream.HasSimulatedSamples);
    }

    [Fact]
    public void Prefill_phases_become_bands_in_seconds()
    {
        var stream = new JobStream(7, 1, [F16]);
        stream.AddPhase(1, new PhaseMark(F16, 0, false, "prefill", "start", 1000));
        stream.AddPhase(1, new PhaseMark(F16, 0, false, "prefill", "end", 1400));
        stream.AddPhase(1, new PhaseMark(F16, 1, false, "prefill", "start", 5000)); // still running: no band yet

        var band = Assert.Single(stream.PrefillBands(Name));

        Assert.Equal((1.0, 1.4), (band.From, band.To));
        Assert.Equal("prefill · F16 repetition 1", band.Label);
    }
}
