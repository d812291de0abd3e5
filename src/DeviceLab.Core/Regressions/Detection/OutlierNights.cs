namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// Replaces isolated outlier nights (a thermally throttled night, a background update) by the median of
/// the nights around them, so that one or two odd nights neither form a level of their own nor drag the
/// mean of a short segment past the threshold. E-divisive and the t-test are both mean-based and would
/// otherwise react to them; MongoDB's CI pairs its detector with an outlier test for the same reason.
/// </summary>
/// <remarks>
/// A night is an outlier when it lies more than k robust standard deviations from the median of the
/// (up to) five nights centred on it. A real step survives: from its third night on, the majority of
/// every such neighbourhood is on the new level. The noise scale is the median absolute night-to-night
/// difference ÷ 0.954 (= √2 · 0.6745, the Gaussian MAD factor for a difference of two nights), which
/// steps and outliers barely move. Only the newest nights can change verdict as nights are added,
/// because only their neighbourhoods are incomplete.
/// </remarks>
internal static class OutlierNights
{
    private const int HalfWidth = 2;
    private const double DifferenceMadToSigma = 0.9539;

    /// <summary>A copy of <paramref name="values"/> with outlier nights replaced; the input itself when
    /// <paramref name="thresholdSigmas"/> is 0 or there are too few nights to judge.</summary>
    public static double[] Clean(double[] values, double thresholdSigmas)
    {
        if (thresholdSigmas == 0 || values.Length < 2 * HalfWidth + 1) return values;
        var threshold = thresholdSigmas * NoiseScale(values);
        var cleaned = (double[])values.Clone();
        Span<double> neighbourhood = stackalloc double[2 * HalfWidth + 1];
        for (var i = 0; i < values.Length; i++)
        {
            var from = Math.Max(0, i - HalfWidth);
            var to = Math.Min(values.Length, i + HalfWidth + 1);
            var window = neighbourhood[..(to - from)];
            values.AsSpan(from, to - from).CopyTo(window);
            var median = Median(window);
            if (Math.Abs(values[i] - median) > threshold) cleaned[i] = median;
        }
        return cleaned;
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
