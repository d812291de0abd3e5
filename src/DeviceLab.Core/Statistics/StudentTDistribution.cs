namespace DeviceLab.Core.Statistics;

/// <summary>
/// Student's t distribution with ν degrees of freedom (ν may be fractional, as Welch's test needs).
/// Tail probabilities come straight from the regularized incomplete beta function, so small p-values
/// keep their relative precision instead of being computed as 1 − (something close to 1).
/// </summary>
public static class StudentTDistribution
{
    /// <summary>P(T ≤ t).</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        var upperTail = UpperTail(Math.Abs(t), degreesOfFreedom);
        return t >= 0 ? 1 - upperTail : upperTail;
    }

    /// <summary>P(|T| ≥ |t|), the two-sided p-value of a t statistic.</summary>
    public static double TwoSidedPValue(double t, double degreesOfFreedom)
    {
        CheckDegreesOfFreedom(degreesOfFreedom);
        if (double.IsNaN(t)) throw new ArgumentOutOfRangeException(nameof(t), t, "The t statistic is not a number.");
        if (double.IsInfinity(t)) return 0;
        // P(|T| ≥ t) = I_x(ν/2, 1/2) with x = ν / (ν + t²).
        return RegularizedIncompleteBeta.Evaluate(degreesOfFreedom / 2, 0.5, degreesOfFreedom / (degreesOfFreedom + t * t));
    }

    /// <summary>P(T ≥ t) for t ≥ 0.</summary>
    public static double UpperTail(double t, double degreesOfFreedom)
    {
        if (t < 0) throw new ArgumentOutOfRangeException(nameof(t), t, "The upper tail is computed for t ≥ 0; use Cdf for negative t.");
        return TwoSidedPValue(t, degreesOfFreedom) / 2;
    }

    /// <summary>The probability density at t.</summary>
    public static double Density(double t, double degreesOfFreedom)
    {
        CheckDegreesOfFreedom(degreesOfFreedom);
        var v = degreesOfFreedom;
        var logDensity = GammaFunction.LogGamma((v + 1) / 2) - GammaFunction.LogGamma(v / 2)
            - 0.5 * Math.Log(v * Math.PI) - (v + 1) / 2 * Math.Log(1 + t * t / v);
        return Math.Exp(logDensity);
    }

    /// <summary>The t with P(T ≤ t) = <paramref name="probability"/>, e.g. 0.975 for a two-sided 95 % interval.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Probability outside (0, 1) or invalid degrees of freedom.</exception>
    public static double Quantile(double probability, double degreesOfFreedom)
    {
        CheckDegreesOfFreedom(degreesOfFreedom);
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Must be strictly between 0 and 1.");
        if (probability == 0.5) return 0;
        if (probability < 0.5) return -Quantile(1 - probability, degreesOfFreedom);
        return SolveUpperTail(1 - probability, degreesOfFreedom);
    }

    // Finds t ≥ 0 with P(T ≥ t) = tail: Newton steps from a normal-approximation start, kept inside a
    // bracket that bisection falls back on (heavy tails at small ν make plain Newton overshoot).
    private static double SolveUpperTail(double tail, double v)
    {
        var low = 0.0;
        var high = Math.Max(1.0, NormalUpperQuantile(tail));
        while (UpperTail(high, v) > tail)
        {
            low = high;
            high *= 2;
            if (double.IsInfinity(high)) return double.PositiveInfinity;
        }

        var t = Math.Clamp(NormalUpperQuantile(tail), low, high);
        for (var i = 0; i < 200; i++)
        {
            var error = UpperTail(t, v) - tail; // decreasing in t
            if (error > 0) low = t; else high = t;
            var next = t + error / Density(t, v);
            if (!(next > low && next < high)) next = (low + high) / 2;
            if (Math.Abs(next - t) <= 1e-13 * Math.Max(1, t)) return next;
            t = next;
        }
        return t;
    }

    // Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4): only a starting point for Newton.
    private static double NormalUpperQuantile(double tail)
    {
        var q = Math.Min(tail, 0.5);
        var w = Math.Sqrt(-2 * Math.Log(q));
        return w - (2.515517 + 0.802853 * w + 0.010328 * w * w) / (1 + 1.432788 * w + 0.189269 * w * w + 0.001308 * w * w * w);
    }

    private static void CheckDegreesOfFreedom(double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0) || double.IsNaN(degreesOfFreedom))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be > 0.");
    }
}
