namespace DeviceLab.Core.Statistics;

/// <summary>
/// The standard normal distribution's tails, for tests whose variance is known rather than estimated.
/// </summary>
public static class StandardNormal
{
    /// <summary>P(|Z| ≥ |z|), the two-sided p-value of a z statistic.</summary>
    /// <remarks>erfc(|z|/√2) by the Chebyshev-fitted exponential form of Press et al. (Numerical Recipes, §6.2), whose
    /// relative error is below 1.2·10⁻⁷ everywhere: small p-values keep their precision, unlike 1 − Φ(z).</remarks>
    public static double TwoSidedPValue(double z)
    {
        if (double.IsNaN(z)) throw new ArgumentOutOfRangeException(nameof(z), z, "The z statistic is not a number.");
        var x = Math.Abs(z) / Math.Sqrt(2);
        if (double.IsInfinity(x)) return 0;
        var t = 1 / (1 + 0.5 * x);
        var polynomial = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807
            + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        return Math.Min(1, t * Math.Exp(polynomial));
    }
}
