using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Gate;

namespace DeviceLab.Core.Tests.Regressions.Gate;

public class PerRunGateTests
{
    private static readonly DateOnly FirstNight = new(2025, 3, 1);
    private readonly PerRunGate _gate = new();

    private static NightlySeries Series(double[] baseline, double newNight, MetricDirection direction = MetricDirection.LowerIsBetter) =>
        new(new SeriesKey("nightly", "Pixel 8", "tinyllama", "Q4_0", "decode_ms_per_token"), direction,
            baseline.Append(newNight).Select((v, i) => new SeriesPoint(FirstNight.AddDays(i), v, 0.4, 5)));

    private static double[] Baseline(int nights = 20) => SyntheticNights.Generate(nights, cv: 0.02, seed: 9);

    [Fact]
    public void A_night_15_percent_slower_than_the_baseline_fails_the_same_night()
    {
        var result = _gate.Check(Series(Baseline(), 57.5));

        Assert.Equal(GateVerdict.Fail, result.Verdict);
        Assert.Equal(14, result.BaselineNights);
        Assert.InRange(result.RelativeChange, 0.12, 0.18);
        Assert.True(result.PValue < 1e-4, $"p = {result.PValue}");
        Assert.Contains("worse by more than 10%", result.Reason);
        Assert.Contains(FirstNight.AddDays(20).ToString("yyyy-MM-dd"), result.Reason);
    }

    [Fact]
    public void Ordinary_noise_and_small_slowdowns_pass()
    {
        Assert.Equal(GateVerdict.Pass, _gate.Check(Series(Baseline(), 51.0)).Verdict);  // +2 %
        Assert.Equal(GateVerdict.Pass, _gate.Check(Series(Baseline(), 53.5)).Verdict);  // +7 %: the nightly detector's job
    }

    [Fact]
    public void A_much_faster_night_is_not_a_failure()
    {
        var result = _gate.Check(Series(Baseline(), 40.0));

        Assert.Equal(GateVerdict.Pass, result.Verdict);
        Assert.Contains("not worse", result.Reason);
    }

    [Fact]
    public void For_throughput_a_drop_is_the_failure()
    {
        var tokensPerSecond = Baseline().Select(v => 1000 / v).ToArray(); // ≈ 20 tokens/s

        Assert.Equal(GateVerdict.Fail, _gate.Check(Series(tokensPerSecond, 16.0, MetricDirection.HigherIsBetter)).Verdict);
        Assert.Equal(GateVerdict.Pass, _gate.Check(Series(tokensPerSecond, 25.0, MetricDirection.HigherIsBetter)).Verdict);
    }

    [Fact]
    public void Too_short_a_baseline_gives_no_verdict_instead_of_a_guess()
    {
        var result = _gate.Check(Series(Baseline(3), 80));

        Assert.Equal(GateVerdict.NotEnoughBaseline, result.Verdict);
        Assert.Contains("only 3 baseline night(s)", result.Reason);
    }

    [Fact]
    public void The_baseline_can_start_at_the_latest_accepted_change()
    {
        // Ten nights at the old level 45, then ten at the accepted new level 50.
        var history = SyntheticNights.Generate(10, cv: 0.02, seed: 1).Select(v => v * 0.9)
            .Concat(SyntheticNights.Generate(10, cv: 0.02, seed: 2)).ToArray();
        var series = Series(history, 56);

        var sinceChange = _gate.Check(series, baselineSince: FirstNight.AddDays(10));

        Assert.Equal(10, sinceChange.BaselineNights);
        Assert.InRange(sinceChange.BaselineMean, 49, 51);
        Assert.Equal(GateVerdict.Fail, sinceChange.Verdict);
    }

    [Fact]
    public void Invalid_gate_options_are_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() => new PerRunGate(new PerRunGateOptions { MinBaselineNights = 1 }));
        Assert.Contains("MinBaselineNights", error.Message);
    }
}
