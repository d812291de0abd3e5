namespace DeviceLab.Core.Statistics;

/// <summary>
/// The regularized incomplete beta function I_x(a, b), from which the Student t (and F) distribution
/// functions follow. Evaluated by its continued fraction with the modified Lentz method.
/// </summary>
public static class RegularizedIncompleteBeta
{
    private const int MaxIterations = 500;
    private const double Epsilon = 1e-15;
    private const double Tiny = 1e-300; // keeps Lentz's denominators away from zero

    /// <summary>I_x(a, b) for a, b &gt; 0 and 0 ≤ x ≤ 1; 0 at x = 0 and 1 at x = 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter outside its domain (or NaN).</exception>
    /// <exception cref="ArithmeticException">The continued fraction did not converge (not expected for valid input).</exception>
    public static double Evaluate(double a, double b, double x)
    {
        if (!(a > 0) || !double.IsFinite(a)) throw new ArgumentOutOfRangeException(nameof(a), a, "Must be a finite number > 0.");
        if (!(b > 0) || !double.IsFinite(b)) throw new ArgumentOutOfRangeException(nameof(b), b, "Must be a finite number > 0.");
        if (!(x >= 0 && x <= 1)) throw new ArgumentOutOfRangeException(nameof(x), x, "Must be within 0..1.");
        if (x == 0) return 0;
        if (x == 1) return 1;

        // x^a (1−x)^b / (a B(a, b)), the prefactor of the continued fraction.
        var logFront = a * Math.Log(x) + b * Math.Log(1 - x) - GammaFunction.LogBeta(a, b);

        // The fraction converges fast only for x < (a + 1) / (a + b + 2); use the symmetry
        // I_x(a, b) = 1 − I_{1−x}(b, a) on the other side.
        return x < (a + 1) / (a + b + 2)
            ? Math.Exp(logFront) * ContinuedFraction(a, b, x) / a
            : 1 - Math.Exp(logFront) * ContinuedFraction(b, a, 1 - x) / b;
    }

    private static double ContinuedFraction(double a, double b, double x)
    {
        // Terms d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)), d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)).
        var c = 1.0;
        var d = NonZero(1 - (a + b) * x / (a + 1));
        d = 1 / d;
        var fraction = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 / NonZero(1 + even * d);
            c = NonZero(1 + even / c);
            fraction *= d * c;

            var odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 / NonZero(1 + odd * d);
            c = NonZero(1 + odd / c);
            var delta = d * c;
            fraction *= delta;
            if (Math.Abs(delta - 1) < Epsilon) return fraction;
        }
        throw new ArithmeticException($"Incomplete beta continued fraction did not converge for a={a}, b={b}, x={x}.");
    }

    private static double NonZero(double value) => Math.Abs(value) < Tiny ? Tiny : value;
}
