namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// Count, mean and sample standard deviation of a run of nights. The detector computes thousands of
/// these per series for candidate splits, so it uses this allocation-free two-pass form rather than
/// <see cref="Statistics.SampleSummary"/>, whose percentiles need a sorted copy.
/// </summary>
public readonly record struct SegmentMoments(int Count, double Mean, double StdDev)
{
    /// <summary>Moments of <paramref name="values"/>[start, end).</summary>
    public static SegmentMoments Of(ReadOnlySpan<double> values, int start, int end)
    {
        var segment = values[start..end];
        if (segment.IsEmpty) return default;
        double sum = 0;
        foreach (var v in segment) sum += v;
        var mean = sum / segment.Length;
        double squares = 0;
        foreach (var v in segment) squares += (v - mean) * (v - mean);
        return new SegmentMoments(segment.Length, mean, segment.Length > 1 ? Math.Sqrt(squares / (segment.Length - 1)) : 0);
    }
}
