namespace DeviceLab.Core.Regressions.Detection;

/// <summary>One full detection pass: outlier nights set aside, split, merge, described with indices of
/// the original series. Keeps the split's window results between passes, which is what makes
/// <see cref="ChangePointTracker"/> incremental.</summary>
internal sealed class ChangePointSearch(ChangePointOptions options)
{
    private readonly WindowedSplit _split = new(options);

    /// <param name="values">The nightly values.</param>
    /// <param name="spreads">Each night's spread of repetitions, aligned with <paramref name="values"/>; used only when
    /// <see cref="ChangePointOptions.UseNightSpread"/> is on.</param>
    /// <param name="counts">Each night's repetitions.</param>
    public IReadOnlyList<ChangePoint> Run(double[] values, IReadOnlyList<double>? spreads = null, IReadOnlyList<int>? counts = null)
    {
        var kept = OutlierNights.Kept(values, options.OutlierThresholdSigmas);
        var inliers = kept.Length == values.Length ? values : kept.Select(i => values[i]).ToArray();
        var nightSpreads = options.UseNightSpread && spreads is not null && counts is not null
            ? (kept.Length == values.Length ? NightSpreads.Of(spreads, counts) : NightSpreads.Of(kept.Select(i => spreads[i]).ToArray(), kept.Select(i => counts[i]).ToArray()))
            : null;
        var weak = _split.Run(inliers, nightSpreads);
        var merged = ChangePointMerge.Run(inliers, nightSpreads, weak, options);
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
