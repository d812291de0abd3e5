namespace DeviceLab.Core.Regressions.Detection;

/// <summary>One full detection pass: outlier nights cleaned, split, merge, described. Keeps the split's
/// window results between passes, which is what makes <see cref="ChangePointTracker"/> incremental.</summary>
internal sealed class ChangePointSearch(ChangePointOptions options)
{
    private readonly WindowedSplit _split = new(options);

    public IReadOnlyList<ChangePoint> Run(double[] values)
    {
        var cleaned = OutlierNights.Clean(values, options.OutlierThresholdSigmas);
        var weak = _split.Run(cleaned);
        var merged = ChangePointMerge.Run(cleaned, weak, options);
        return merged.Select(c => c.ToChangePoint(options.ConfidenceLevel)).ToArray();
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
