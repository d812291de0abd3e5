using DeviceLab.Core.Regressions;

namespace DeviceLab.Core.Tests.Regressions;

public class NightlySeriesTests
{
    private static readonly SeriesKey Key = new("nightly", "Pixel 8", "tinyllama", "Q4_0", "decode_ms_per_token");
    private static readonly DateOnly Night = new(2025, 3, 1);

    [Fact]
    public void Keeps_points_in_order_and_exposes_the_medians()
    {
        var series = new NightlySeries(Key, MetricDirection.LowerIsBetter,
            [new SeriesPoint(Night, 50, 1, 5), new SeriesPoint(Night.AddDays(2), 51, 1, 5)]);

        Assert.Equal([50.0, 51.0], series.Medians());
        Assert.Equal(2, series.Count);
    }

    [Fact]
    public void Nights_out_of_order_or_repeated_are_refused_naming_both_nights()
    {
        var error = Assert.Throws<ArgumentException>(() => new NightlySeries(Key, MetricDirection.LowerIsBetter,
            [new SeriesPoint(Night.AddDays(1), 50, 1, 5), new SeriesPoint(Night, 51, 1, 5)]));

        Assert.Contains("2025-03-01 follows 2025-03-02", error.Message);
        Assert.Contains("strictly increasing", error.Message);
    }

    [Theory]
    [InlineData(double.NaN, 1, 5, "not a finite number")]
    [InlineData(50, -1, 5, "spread -1")]
    [InlineData(50, 1, 0, "N = 0")]
    public void Invalid_points_are_refused_naming_the_night_and_the_problem(double median, double spread, int n, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new NightlySeries(Key, MetricDirection.LowerIsBetter, [new SeriesPoint(Night, median, spread, n)]));

        Assert.Contains("2025-03-01", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Contains(Key.ToString(), error.Message);
    }

    [Fact]
    public void A_series_key_needs_every_part()
    {
        var error = Assert.Throws<ArgumentException>(() => new SeriesKey("nightly", " ", "tinyllama", "Q4_0", "decode_ms_per_token"));
        Assert.Contains("DeviceModel", error.Message);
    }

    [Theory]
    [InlineData("ms/token", MetricDirection.LowerIsBetter)]
    [InlineData("mJ/token", MetricDirection.LowerIsBetter)]
    [InlineData("tokens/s", MetricDirection.HigherIsBetter)]
    [InlineData("TOKENS/S", MetricDirection.HigherIsBetter)]
    public void The_direction_follows_the_unit(string unit, MetricDirection expected)
    {
        Assert.Equal(expected, MetricUnits.DirectionOf(unit));
    }

    [Fact]
    public void An_unknown_unit_is_refused_rather_than_guessed()
    {
        var error = Assert.Throws<ArgumentException>(() => MetricUnits.DirectionOf("furlongs"));
        Assert.Contains("'furlongs'", error.Message);
        Assert.Contains("tokens/s", error.Message);
    }
}
