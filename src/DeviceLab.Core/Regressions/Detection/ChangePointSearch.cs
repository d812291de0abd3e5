namespace DeviceLab.Core.Regressions.Detection;

/// <summary>One full detection pass: outlier nights set aside, split, merge, described with indices of
/// the original series. Keeps the split's window results between passes, which is what makes
/// <see cref="ChangePointTracker"/> incremental.</summary>
internal sealed class ChangePointSearch(ChangePointOptions options)
{
    private readonly WindowedSplit _split = new(options);

    public IReadOnlyList<ChangePoint> Run(double[] values)
    {
        var kept = OutlierNights.Kept(values, options.OutlierThresholdSigmas);
        var inliers = kept.Length == values.Length ? values : kept.Select(i => values[i]).ToArray();
        var weak = _split.Run(inliers);
        var merged = ChangePointMerge.Run(inliers, weak, options);
        return merged.Select(c => c.ToChangePoint(options.ConfidenceLevel) with { Index = kept[c.Index] }).ToArray();
    }

    public static void CheckFinite(ReadOnlySpan<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"Night {i} of the series has value {values[i]}, not a finite number.", nameof(values));
        }
    }
}
