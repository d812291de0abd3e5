using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.Tests.Statistics;

// Expected values from SciPy 1.10.1 for a = [10.1, 9.8, 10.3, 10.0, 9.9, 10.2], b = [10.6, 10.9, 10.4, 10.8]:
// scipy.stats.ttest_ind(a, b) → statistic −4.822428221704136, p 0.001317280289009323;
// ttest_ind(a, b, equal_var=False) → −4.642383454426309, p 0.003946951366912927, Welch ν 5.746570835653179.
// SciPy reports mean(a) − mean(b); DeviceLab reports second minus first, hence the positive sign.
public class TTestTests
{
    private static readonly SampleSummary A = SampleSummary.Of([10.1, 9.8, 10.3, 10.0, 9.9, 10.2]);
    private static readonly SampleSummary B = SampleSummary.Of([10.6, 10.9, 10.4, 10.8]);

    [Fact]
    public void Student_pooled_test_matches_scipy()
    {
        var result = StudentTTest.Compare(A, B);
        Assert.Equal(4.822428221704136, result.T, 1e-10);
        Assert.Equal(8, result.DegreesOfFreedom);
        Assert.Equal(0.001317280289009323, result.PValue, 1e-12);
        Assert.Equal(B.Mean - A.Mean, result.MeanDifference, 1e-12);
    }

    [Fact]
    public void Welch_test_matches_scipy()
    {
        var result = WelchTTest.Compare(A, B);
        Assert.Equal(4.642383454426309, result.T, 1e-10);
        Assert.Equal(5.746570835653179, result.DegreesOfFreedom, 1e-10);
        Assert.Equal(0.003946951366912927, result.PValue, 1e-12);
    }

    [Fact]
    public void New_observation_test_matches_the_t_prediction_interval()
    {
        // SciPy: t = (55 − mean) / (std(ddof=1)·√(1 + 1/8)) = 16.213021586537085, 2·t.sf(t, 7) = 8.264337376812926e-07.
        var baseline = SampleSummary.Of([50.2, 49.8, 50.5, 49.6, 50.1, 50.3, 49.9, 50.0]);
        var result = NewObservationTest.Compare(baseline, 55.0);
        Assert.Equal(16.213021586537085, result.T, 1e-9);
        Assert.Equal(7, result.DegreesOfFreedom);
        Assert.Equal(1.0, result.PValue / 8.264337376812926e-07, 1e-8);
    }

    [Fact]
    public void Constant_groups_give_certainty_or_no_evidence_instead_of_dividing_by_zero()
    {
        Assert.Equal(0, StudentTTest.Compare(3, 10, 0, 3, 12, 0).PValue);
        Assert.Equal(1, StudentTTest.Compare(3, 10, 0, 3, 10, 0).PValue);
        Assert.Equal(double.PositiveInfinity, WelchTTest.Compare(3, 10, 0, 3, 12, 0).T);
    }

    [Fact]
    public void Too_small_or_invalid_groups_are_refused_with_the_reason()
    {
        var welch = Assert.Throws<ArgumentOutOfRangeException>(() => WelchTTest.Compare(1, 10, 0, 5, 11, 1));
        Assert.Contains("at least 2", welch.Message);
        var pooled = Assert.Throws<ArgumentException>(() => StudentTTest.Compare(1, 10, 0, 1, 11, 0));
        Assert.Contains("at least 3 values in total", pooled.Message);
        var negative = Assert.Throws<ArgumentException>(() => StudentTTest.Compare(4, 10, -1, 4, 11, 1));
        Assert.Contains("standard deviation", negative.Message);
    }
}
