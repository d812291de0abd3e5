using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Core.Tests.Regressions.Detection;

/// <summary><see cref="ChangePointOptions.UseNightSpread"/>: the nights' own spread is used only where it explains their scatter.</summary>
public class NightSpreadTests
{
    private static readonly ChangePointOptions WithSpread = new() { UseNightSpread = true };
    private static readonly SeriesKey Key = new("nightly", "Pixel 8", "tinyllama", "Q4_0", "decode_ms_per_token");

    private static NightlySeries Series(double[] values, double spread, int repetitions) =>
        new(Key, MetricDirection.LowerIsBetter, values.Select((v, i) => new SeriesPoint(new DateOnly(2026, 1, 1).AddDays(i), v, spread, repetitions)));

    [Fact]
    public void When_the_spread_explains_the_scatter_a_new_level_is_more_certain_than_by_the_scatter_alone()
    {
        // CV 2 % at 50 ms: nights scatter by 1 ms, which 5 repetitions of spread √5 ms explain exactly.
        var values = SyntheticNights.Generate(40, 0.02, seed: 11, (36, 0.05));
        var explained = Series(values, spread: Math.Sqrt(5), repetitions: 5);

        var bySpread = Assert.Single(new ChangePointDetector(WithSpread).Detect(explained));
        var byScatter = Assert.Single(new ChangePointDetector().Detect(explained));

        Assert.Equal((36, 36), (bySpread.Index, byScatter.Index));
        Assert.True(bySpread.PValue < byScatter.PValue, $"{bySpread.PValue} should be below {byScatter.PValue}");
    }

    [Fact]
    public void When_nights_scatter_far_more_than_their_spread_the_test_is_Student_s_as_without_spreads()
    {
        // Phones: repetitions minutes apart agree within 0.1 ms while nights differ by 1 ms.
        var values = SyntheticNights.Generate(40, 0.02, seed: 11, (30, 0.06));
        var tight = Series(values, spread: 0.1, repetitions: 5);

        Assert.Equal(new ChangePointDetector().Detect(tight), new ChangePointDetector(WithSpread).Detect(tight));
        Assert.Equal(new ChangePointDetector().Detect(values), new ChangePointDetector(WithSpread).Detect(tight));
    }

    [Fact]
    public void Nights_of_a_single_repetition_have_no_spread_to_use()
    {
        var values = SyntheticNights.Generate(40, 0.02, seed: 11, (30, 0.06));
        Assert.Equal(new ChangePointDetector().Detect(values), new ChangePointDetector(WithSpread).Detect(Series(values, spread: 0, repetitions: 1)));
    }

    [Fact]
    public void The_tracker_gives_the_detector_s_answer_with_spreads_too()
    {
        var values = SyntheticNights.Generate(50, 0.02, seed: 5, (20, 0.05), (38, -0.05));
        var tracker = new ChangePointTracker(WithSpread);
        for (var night = 0; night < values.Length; night++)
        {
            var nightly = tracker.Add(values[night], Math.Sqrt(5), 5);
            Assert.Equal(new ChangePointDetector(WithSpread).Detect(Series(values[..(night + 1)], Math.Sqrt(5), 5)), nightly);
        }
        Assert.Throws<ArgumentException>(() => tracker.Add(50, spread: -1));
        Assert.Throws<ArgumentException>(() => tracker.Add(50, count: 0));
        Assert.Equal(values.Length, tracker.Count);
    }
}
