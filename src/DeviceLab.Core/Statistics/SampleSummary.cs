namespace DeviceLab.Core.Statistics;

/// <summary>
/// Descriptive statistics of one set of measurements (e.g. every decode token's ms of a repetition,
/// or the decode tokens/s of every repetition). Every number DeviceLab shows carries its spread,
/// so results are stored as a summary, never as a bare mean.
/// </summary>
/// <param name="Count">Number of measurements.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="StdDev">Sample standard deviation (n − 1); 0 when fewer than two values.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="P10">10th percentile (linear interpolation between closest ranks).</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="Max">Largest value.</param>
public readonly record struct SampleSummary(
    int Count, double Mean, double StdDev, double Min, double P10, double P50, double P90, double Max)
{
    /// <summary>Coefficient of variation (stddev ÷ mean); 0 when the mean is 0.</summary>
    public double CoefficientOfVariation => Mean == 0 ? 0 : StdDev / Math.Abs(Mean);

    /// <summary>Summarises <paramref name="values"/>. NaN and infinities are rejected: a measurement that
    /// is not a number is a bug upstream, not something to average away.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static SampleSummary Of(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) throw new ArgumentException("Cannot summarise an empty set of measurements.", nameof(values));
        var sorted = values.ToArray();
        foreach (var v in sorted)
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"Measurement {v} is not a finite number.", nameof(values));
        }
        Array.Sort(sorted);

        double mean = 0;
        for (var i = 0; i < sorted.Length; i++) mean += (sorted[i] - mean) / (i + 1); // running mean: no overflow on large sums
        double squares = 0;
        foreach (var v in sorted) squares += (v - mean) * (v - mean);
        var stdDev = sorted.Length > 1 ? Math.Sqrt(squares / (sorted.Length - 1)) : 0;

        return new SampleSummary(sorted.Length, mean, stdDev, sorted[0],
            Percentile(sorted, 0.10), Percentile(sorted, 0.50), Percentile(sorted, 0.90), sorted[^1]);
    }

    /// <inheritdoc cref="Of(ReadOnlySpan{double})"/>
    public static SampleSummary Of(IEnumerable<double> values) => Of(values.ToArray().AsSpan());

    /// <summary>Percentile of already sorted values, interpolating linearly between closest ranks
    /// (the "R-7" definition used by numpy and most spreadsheets, so exports match users' tools).</summary>
    /// <param name="sorted">Values in ascending order, at least one.</param>
    /// <param name="fraction">0..1, e.g. 0.9 for p90.</param>
    public static double Percentile(ReadOnlySpan<double> sorted, double fraction)
    {
        if (sorted.IsEmpty) throw new ArgumentException("No values.", nameof(sorted));
        if (fraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Must be within 0..1.");
        var rank = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }
}
