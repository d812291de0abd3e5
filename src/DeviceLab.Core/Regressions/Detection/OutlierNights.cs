namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// Finds isolated outlier nights (a thermally throttled night, a background update) so detection can
/// leave them out: one or two odd nights should neither form a level of their own nor drag the mean of
/// a short segment past the threshold. E-divisive and the t-test are both mean-based and would react to
/// them; MongoDB's CI pairs its detector with an outlier test for the same reason.
/// </summary>
/// <remarks>
/// A night is an outlier when it lies more than k robust standard deviations from the median of the
/// five nights around it (centred, or the first / last five at the ends of the series). A real step
/// survives: from its third night on, the majority of every such neighbourhood is on the new level.
/// The noise scale is the median absolute night-to-night difference ÷ 0.954 (= √2 · 0.6745, the
/// Gaussian MAD factor for a difference of two nights), which steps and outliers barely move.
/// Outliers are left out rather than replaced by that median: a replacement copies its neighbours and
/// would bias exactly the short segments at the end of the series that decide a new regression.
/// </remarks>
internal static class OutlierNights
{
    private const int Neighbourhood = 5;
    private const double DifferenceMadToSigma = 0.9539;

    /// <summary>Indices of the nights to keep, in order; all of them when <paramref name="thresholdSigmas"/>
    /// is 0 or there are too few nights to judge.</summary>
    public static int[] Kept(double[] values, double thresholdSigmas)
    {
        if (thresholdSigmas == 0 || values.Length < Neighbourhood) return Enumerable.Range(0, values.Length).ToArray();
        var threshold = thresholdSigmas * NoiseScale(values);
        var kept = new List<int>(values.Length);
        Span<double> window = stackalloc double[Neighbourhood];
        for (var i = 0; i < values.Length; i++)
        {
            var from = Math.Clamp(i - Neighbourhood / 2, 0, values.Length - Neighbourhood);
            values.AsSpan(from, Neighbourhood).CopyTo(window);
            if (Math.Abs(values[i] - Median(window)) <= threshold) kept.Add(i);
        }
        return [.. kept];
    }

    private static double NoiseScale(double[] values)
    {
        var differences = new double[values.Length - 1];
        for (var i = 1; i < values.Length; i++) differences[i - 1] = Math.Abs(values[i] - values[i - 1]);
        var scale = Median(differences) / DifferenceMadToSigma;
        // A series with (nearly) no noise still needs a scale, or float rounding would count as outliers.
        var level = Math.Abs(values[values.Length / 2]);
        return Math.Max(scale, 1e-9 * Math.Max(level, 1e-12));
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
