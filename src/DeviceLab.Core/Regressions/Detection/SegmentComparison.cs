using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// The two segments either side of a candidate change point and the t-test between them: the significance test of
/// both the split and the merge step (Hunter's replacement for E-divisive's permutation test: deterministic, and
/// thousands of times cheaper).
/// </summary>
/// <param name="Variance">Variance of one night's point the test used: the pooled scatter of the nights (Student), or
/// the nights' own mean spread² / n when <see cref="ChangePointOptions.UseNightSpread"/> accepted it.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom behind <paramref name="Variance"/>.</param>
internal readonly record struct SegmentComparison(int Index, SegmentMoments Before, SegmentMoments After, double PValue, double Variance, double DegreesOfFreedom)
{
    /// <summary>The nights may scatter this much more than their own spread predicts (F-test p-value) before the
    /// known-spread test is set aside for Student's.</summary>
    private const double ScatterTestPValue = 0.01;

    /// <summary>Compares values[start, split) with values[split, end). A side shorter than
    /// <paramref name="minSegment"/> gets p = 1: it cannot stand as a level of its own.</summary>
    /// <param name="spreads">The nights' own spreads, or null to judge by the nights' scatter alone.</param>
    public static SegmentComparison Of(ReadOnlySpan<double> values, NightSpreads? spreads, int start, int split, int end, int minSegment)
    {
        var before = SegmentMoments.Of(values, start, split);
        var after = SegmentMoments.Of(values, split, end);
        var freedom = before.Count + after.Count - 2;
        var pooled = freedom > 0 ? ((before.Count - 1) * before.StdDev * before.StdDev + (after.Count - 1) * after.StdDev * after.StdDev) / freedom : 0;
        if (before.Count < minSegment || after.Count < minSegment) return new SegmentComparison(split, before, after, 1, pooled, freedom);

        if (spreads?.Over(start, end) is { MeanVariance: > 0, DegreesOfFreedom: >= 1 } own && ScatterExplained(pooled, freedom, own.MeanVariance, own.DegreesOfFreedom))
        {
            var knownError = Math.Sqrt(own.MeanVariance * (1.0 / before.Count + 1.0 / after.Count));
            var known = TTestResult.From(after.Mean - before.Mean, knownError, own.DegreesOfFreedom);
            return new SegmentComparison(split, before, after, known.PValue, own.MeanVariance, own.DegreesOfFreedom);
        }
        var test = StudentTTest.Compare(before.Count, before.Mean, before.StdDev, after.Count, after.Mean, after.StdDev);
        return new SegmentComparison(split, before, after, test.PValue, pooled, freedom);
    }

    /// <summary>Compares with the nights' scatter alone (Student's pooled t-test).</summary>
    public static SegmentComparison Of(ReadOnlySpan<double> values, int start, int split, int end, int minSegment) =>
        Of(values, null, start, split, end, minSegment);

    // F-test of the nights' scatter (within the two levels) against what their own spreads predict: when it is not
    // significantly larger, the nights differ only by their repetitions' noise, which is known far more precisely
    // (hundreds of degrees of freedom instead of the few dozen nights).
    private static bool ScatterExplained(double scatter, double scatterFreedom, double ownVariance, double ownFreedom)
    {
        if (scatterFreedom < 1) return false;
        var ratio = scatter / ownVariance;
        if (ratio <= 1) return true;
        var upperTail = RegularizedIncompleteBeta.Evaluate(ownFreedom / 2, scatterFreedom / 2, ownFreedom / (ownFreedom + scatterFreedom * ratio));
        return upperTail > ScatterTestPValue;
    }

    /// <summary>|mean after / mean before − 1|; infinite when the level leaves exactly zero.</summary>
    public double Magnitude => Math.Abs(RelativeChange);

    public double RelativeChange =>
        Before.Mean == 0 ? (After.Mean == 0 ? 0 : double.PositiveInfinity * Math.Sign(After.Mean)) : After.Mean / Before.Mean - 1;

    /// <summary>The reported change point, with a confidence interval for the relative change.</summary>
    /// <remarks>The interval is the delta-method one for the ratio of two means, r = m₂/m₁, with the variance s² the
    /// test used: se(r) ≈ (s/|m₁|)·√(1/n₂ + r²/n₁), t quantile with the test's degrees of freedom. It accounts for the
    /// uncertainty of both levels.</remarks>
    public ChangePoint ToChangePoint(double confidenceLevel)
    {
        var relative = RelativeChange;
        var interval = new ConfidenceInterval(relative, relative, confidenceLevel);
        if (Before.Mean != 0 && DegreesOfFreedom > 0)
        {
            var ratio = After.Mean / Before.Mean;
            var standardError = Math.Sqrt(Variance) / Math.Abs(Before.Mean) * Math.Sqrt(1.0 / After.Count + ratio * ratio / Before.Count);
            var halfWidth = StudentTDistribution.Quantile((1 + confidenceLevel) / 2, DegreesOfFreedom) * standardError;
            interval = new ConfidenceInterval(relative - halfWidth, relative + halfWidth, confidenceLevel);
        }
        return new ChangePoint(Index, Before, After, relative, interval, PValue);
    }
}
