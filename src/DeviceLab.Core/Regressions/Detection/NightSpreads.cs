namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// Each night's own uncertainty — the variance of its point (spread² / n of its repetitions) and the degrees of freedom
/// behind it (n − 1) — as prefix sums, so the mean point variance of any run of nights costs O(1).
/// Used by <see cref="SegmentComparison"/> when <see cref="ChangePointOptions.UseNightSpread"/> is on.
/// </summary>
internal sealed class NightSpreads
{
    private readonly double[] _variance; // prefix sums of spread² / n
    private readonly double[] _freedom;  // prefix sums of n − 1
    private readonly int[] _single;      // prefix counts of nights with one repetition (no spread of their own)

    private NightSpreads(double[] variance, double[] freedom, int[] single)
    {
        _variance = variance;
        _freedom = freedom;
        _single = single;
    }

    /// <param name="spreads">Standard deviation of each night's repetitions.</param>
    /// <param name="counts">Repetitions per night.</param>
    public static NightSpreads Of(IReadOnlyList<double> spreads, IReadOnlyList<int> counts)
    {
        var variance = new double[spreads.Count + 1];
        var freedom = new double[spreads.Count + 1];
        var single = new int[spreads.Count + 1];
        for (var i = 0; i < spreads.Count; i++)
        {
            variance[i + 1] = variance[i] + spreads[i] * spreads[i] / Math.Max(1, counts[i]);
            freedom[i + 1] = freedom[i] + Math.Max(0, counts[i] - 1);
            single[i + 1] = single[i] + (counts[i] < 2 ? 1 : 0);
        }
        return new NightSpreads(variance, freedom, single);
    }

    /// <summary>Mean point variance of nights [start, end) and the repetitions' degrees of freedom; null when a night
    /// there has a single repetition (its own spread is unknown).</summary>
    public (double MeanVariance, double DegreesOfFreedom)? Over(int start, int end)
    {
        if (end <= start || _single[end] - _single[start] > 0) return null;
        return ((_variance[end] - _variance[start]) / (end - start), _freedom[end] - _freedom[start]);
    }
}
