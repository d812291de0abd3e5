using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.Tests.Statistics;

public class StandardNormalTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1.959963984540054, 0.05)]
    [InlineData(2.5758293035489, 0.01)]
    [InlineData(3.2905267314919, 0.001)]
    [InlineData(-3.2905267314919, 0.001)]
    [InlineData(4.891638475698, 1e-6)]
    public void Two_sided_p_values_match_the_published_quantiles(double z, double expected) =>
        Assert.Equal(expected, StandardNormal.TwoSidedPValue(z), expected * 1e-6);

    [Fact]
    public void A_t_test_with_unbounded_degrees_of_freedom_is_the_z_test() =>
        Assert.Equal(StudentTDistribution.TwoSidedPValue(3.1, 1e7), StandardNormal.TwoSidedPValue(3.1), 1e-7);

    [Fact]
    public void Not_a_number_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.TwoSidedPValue(double.NaN));
}
