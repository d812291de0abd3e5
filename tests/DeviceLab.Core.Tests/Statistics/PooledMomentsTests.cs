using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.Tests.Statistics;

public class PooledMomentsTests
{
    [Fact]
    public void Pooling_summaries_equals_summarising_all_values_at_once()
    {
        double[] a = [10.1, 10.4, 9.8, 10.0, 10.2];
        double[] b = [11.0, 11.3, 10.9];
        double[] c = [9.5];
        var all = SampleSummary.Of([.. a, .. b, .. c]);

        var pooled = PooledMoments.Of([SampleSummary.Of(a), SampleSummary.Of(b), SampleSummary.Of(c)]);

        Assert.Equal(all.Count, pooled.Count);
        Assert.Equal(all.Mean, pooled.Mean, 12);
        Assert.Equal(all.StdDev, pooled.StdDev, 12);
    }

    [Fact]
    public void Single_values_and_empty_groups()
    {
        var pooled = PooledMoments.OfValues([2.0, 4.0]);
        Assert.Equal(2, pooled.Count);
        Assert.Equal(3.0, pooled.Mean, 12);
        Assert.Equal(Math.Sqrt(2), pooled.StdDev, 12);

        Assert.Equal(default, PooledMoments.Of(Array.Empty<(int, double, double)>()));
        Assert.Equal(new PooledMoments(1, 5, 0), PooledMoments.Of([(0, 99.0, 1.0), (1, 5.0, 0.0)]));
    }

    [Fact]
    public void A_non_finite_group_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PooledMoments.Of([(3, double.NaN, 1.0)]));
        Assert.Contains("finite", error.Message);
    }
}
