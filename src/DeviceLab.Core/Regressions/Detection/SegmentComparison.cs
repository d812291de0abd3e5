using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// The two segments either side of a candidate change point and the Student t-test between them:
/// the significance test of both the split and the merge step (Hunter's replacement for E-divisive's
/// permutation test: deterministic, and thousands of times cheaper).
/// </summary>
internal readonly record struct SegmentComparison(int Index, SegmentMoments Before, SegmentMoments After, double PValue)
{
    /// <summary>Compares values[start, split) with values[split, end). A side shorter than
    /// <paramref name="minSegment"/> gets p = 1: it cannot stand as a level of its own.</summary>
    public static SegmentComparison Of(ReadOnlySpan<double> values, int start, int split, int end, int minSegment)
    {
        var before = SegmentMoments.Of(values, start, split);
        var after = SegmentMoments.Of(values, split, end);
        if (before.Count < minSegment || after.Count < minSegment) return new SegmentComparison(split, before, after, 1);
        var test = StudentTTest.Compare(before.Count, before.Mean, before.StdDev, after.Count, after.Mean, after.StdDev);
        return new SegmentComparison(split, before, after, test.PValue);
    }

    /// <summary>|mean after / mean before − 1|; infinite when the level leaves exactly zero.</summary>
    public double Magnitude => Math.Abs(RelativeChange);

    public double RelativeChange =>
        Before.Mean == 0 ? (After.Mean == 0 ? 0 : double.PositiveInfinity * Math.Sign(After.Mean)) : After.Mean / Before.Mean - 1;

    /// <summary>The reported change point, with a confidence interval for the relative change.</summary>
    /// <remarks>The interval is the delta-method one for the ratio of two means, r = m₂/m₁, with the
    /// pooled standard deviation s of the t-test: se(r) ≈ (s/|m₁|)·√(1/n₂ + r²/n₁), t quantile with
    /// n₁ + n₂ − 2 degrees of freedom. It accounts for the uncertainty of both levels.</remarks>
    public ChangePoint ToChangePoint(double confidenceLevel)
    {
        var relative = RelativeChange;
        var interval = new ConfidenceInterval(relative, relative, confidenceLevel);
        var degreesOfFreedom = Before.Count + After.Count - 2;
        if (Before.Mean != 0 && degreesOfFreedom > 0)
        {
            var pooledVariance = ((Before.Count - 1) * Before.StdDev * Before.StdDev + (After.Count - 1) * After.StdDev * After.StdDev) / degreesOfFreedom;
            var ratio = After.Mean / Before.Mean;
            var standardError = Math.Sqrt(pooledVariance) / Math.Abs(Before.Mean) * Math.Sqrt(1.0 / After.Count + ratio * ratio / Before.Count);
            var halfWidth = StudentTDistribution.Quantile((1 + confidenceLevel) / 2, degreesOfFreedom) * standardError;
            interval = new ConfidenceInterval(relative - halfWidth, relative + halfWidth, confidenceLevel);
        }
        return new ChangePoint(Index, Before, After, relative, interval, PValue);
    }
}
