using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.Tests.Statistics;

// Expected values from SciPy 1.10.1: scipy.special.betainc(a, b, x) and scipy.special.gammaln(x).
public class SpecialFunctionTests
{
    [Theory]
    [InlineData(2, 3, 0.4, 0.5248)]                  // exact: 1 − (0.6⁴ + 4·0.4·0.6³)
    [InlineData(0.5, 0.5, 0.1, 0.2048327646991335)]
    [InlineData(10, 0.5, 0.95, 0.3171515754655451)]
    [InlineData(200, 0.5, 0.99, 0.04509410713707715)]
    public void Regularized_incomplete_beta_matches_scipy(double a, double b, double x, double expected)
    {
        Assert.Equal(expected, RegularizedIncompleteBeta.Evaluate(a, b, x), 1e-12);
    }

    [Fact]
    public void Incomplete_beta_is_0_and_1_at_the_ends_and_refuses_bad_x()
    {
        Assert.Equal(0, RegularizedIncompleteBeta.Evaluate(2, 3, 0));
        Assert.Equal(1, RegularizedIncompleteBeta.Evaluate(2, 3, 1));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RegularizedIncompleteBeta.Evaluate(2, 3, 1.5));
        Assert.Contains("0..1", error.Message);
    }

    [Theory]
    [InlineData(0.1, 2.252712651734206)]
    [InlineData(4.5, 2.4537365708424423)]
    [InlineData(100.3, 360.5147057290581)]
    [InlineData(1, 0)]
    [InlineData(5, 3.1780538303479458)] // ln 24
    public void Log_gamma_matches_scipy(double x, double expected)
    {
        Assert.Equal(expected, GammaFunction.LogGamma(x), 1e-12);
    }
}
