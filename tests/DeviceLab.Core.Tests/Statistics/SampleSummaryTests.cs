using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.Tests.Statistics;

public class SampleSummaryTests
{
    [Fact]
    public void Summarises_known_values_like_numpy()
    {
        var s = SampleSummary.Of([4.0, 1.0, 3.0, 2.0, 10.0]);

        Assert.Equal(5, s.Count);
        Assert.Equal(4.0, s.Mean, 12);
        Assert.Equal(Math.Sqrt(12.5), s.StdDev, 12); // numpy.std(ddof=1)
        Assert.Equal(1.0, s.Min);
        Assert.Equal(1.4, s.P10, 12);               // numpy.percentile(..., 10)
        Assert.Equal(3.0, s.P50, 12);
        Assert.Equal(7.6, s.P90, 12);
        Assert.Equal(10.0, s.Max);
        Assert.Equal(Math.Sqrt(12.5) / 4.0, s.CoefficientOfVariation, 12);
    }

    [Fact]
    public void A_single_value_has_no_spread()
    {
        var s = SampleSummary.Of([7.5]);
        Assert.Equal(0, s.StdDev);
        Assert.Equal(7.5, s.P10);
        Assert.Equal(7.5, s.P90);
    }

    [Fact]
    public void Empty_or_non_finite_input_is_refused_with_a_clear_message()
    {
        var empty = Assert.Throws<ArgumentException>(() => SampleSummary.Of(Array.Empty<double>()));
        Assert.Contains("empty", empty.Message);
        var nan = Assert.Throws<ArgumentException>(() => SampleSummary.Of([1.0, double.NaN]));
        Assert.Contains("not a finite number", nan.Message);
    }
}
