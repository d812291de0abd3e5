using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.Tests.Statistics;

// Expected values computed with SciPy 1.10.1 (Debian 12 python3-scipy):
// scipy.stats.t.cdf / .sf / .ppf / .pdf, scipy.special.betainc / gammaln.
public class StudentTDistributionTests
{
    [Theory]
    [InlineData(2.0, 5, 0.9490302605850709)]    // t.cdf(2.0, 5)
    [InlineData(-1.5, 10, 0.08225366322272008)] // t.cdf(-1.5, 10)
    [InlineData(0.5, 1, 0.6475836176504333)]    // t.cdf(0.5, 1), the Cauchy distribution
    [InlineData(3.0, 2.5, 0.9637119522254841)]  // t.cdf(3.0, 2.5), fractional ν as Welch produces
    [InlineData(0.0, 7, 0.5)]
    public void Cdf_matches_scipy(double t, double degreesOfFreedom, double expected)
    {
        Assert.Equal(expected, StudentTDistribution.Cdf(t, degreesOfFreedom), 1e-12);
    }

    [Theory]
    [InlineData(6.0, 30, 6.971384383602359e-07)] // t.sf(6.0, 30)
    [InlineData(10.0, 3, 0.0010641995292070747)] // t.sf(10, 3)
    public void Small_upper_tails_keep_relative_precision(double t, double degreesOfFreedom, double expected)
    {
        Assert.Equal(1.0, StudentTDistribution.UpperTail(t, degreesOfFreedom) / expected, 1e-10);
    }

    [Theory]
    [InlineData(0.975, 1, 12.706204736432095)]   // the textbook table's 95 % two-sided column
    [InlineData(0.975, 2, 4.302652729911275)]
    [InlineData(0.975, 5, 2.5705818366147395)]
    [InlineData(0.975, 10, 2.2281388519649385)]
    [InlineData(0.975, 30, 2.0422724563012373)]
    [InlineData(0.995, 4, 4.604094871415897)]
    [InlineData(0.9995, 100, 3.3904913194103345)]
    [InlineData(0.05, 7.3, -1.8829300179371553)]
    public void Quantile_matches_scipy_ppf(double probability, double degreesOfFreedom, double expected)
    {
        // SciPy's ppf is itself accurate to ~1e-8 in the far tail (its own sf at its 0.9995 quantile
        // gives 4.99999987e-4), so compare at 1e-7 and check the round trip through Cdf much tighter.
        var t = StudentTDistribution.Quantile(probability, degreesOfFreedom);
        Assert.Equal(expected, t, 1e-7);
        Assert.Equal(probability, StudentTDistribution.Cdf(t, degreesOfFreedom), 1e-14);
    }

    [Fact]
    public void Density_matches_scipy_pdf()
    {
        Assert.Equal(0.17385372358466922, StudentTDistribution.Density(1.2, 4), 1e-13); // t.pdf(1.2, 4)
    }

    [Fact]
    public void Two_sided_p_value_is_twice_the_tail_and_one_at_zero()
    {
        Assert.Equal(2 * 6.971384383602359e-07, StudentTDistribution.TwoSidedPValue(-6.0, 30), 1e-18);
        Assert.Equal(1.0, StudentTDistribution.TwoSidedPValue(0, 12), 1e-15);
        Assert.Equal(0.0, StudentTDistribution.TwoSidedPValue(double.PositiveInfinity, 12));
    }

    [Fact]
    public void Invalid_arguments_are_refused_with_the_reason()
    {
        var df = Assert.Throws<ArgumentOutOfRangeException>(() => StudentTDistribution.Cdf(1, 0));
        Assert.Contains("Degrees of freedom", df.Message);
        var p = Assert.Throws<ArgumentOutOfRangeException>(() => StudentTDistribution.Quantile(1.0, 5));
        Assert.Contains("strictly between 0 and 1", p.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentTDistribution.TwoSidedPValue(double.NaN, 5));
    }
}
