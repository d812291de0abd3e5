namespace DeviceLab.Core.Statistics;

/// <summary>The gamma function, as far as the t-distribution needs it.</summary>
public static class GammaFunction
{
    // Lanczos approximation with g = 7 and nine terms: relative error below 1e-15 for x > 0,
    // which is well beyond what a p-value needs.
    private const double LanczosG = 7.0;

    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">x is not a finite positive number.</exception>
    public static double LogGamma(double x)
    {
        if (!(x > 0) || !double.IsFinite(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, "ln Γ(x) is defined here for finite x > 0 only.");
        if (x < 0.5)
        {
            // Reflection keeps the series accurate near 0: Γ(x)Γ(1−x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        var z = x - 1;
        var series = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++) series += LanczosCoefficients[i] / (z + i);
        var t = z + LanczosG + 0.5;
        return 0.5 * Math.Log(2 * Math.PI) + (z + 0.5) * Math.Log(t) - t + Math.Log(series);
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), the beta function's logarithm.</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);
}
