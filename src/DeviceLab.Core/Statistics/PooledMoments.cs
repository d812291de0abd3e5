namespace DeviceLab.Core.Statistics;

/// <summary>
/// Count, mean and sample standard deviation of several groups taken together, computed exactly from each
/// group's own count, mean and standard deviation — e.g. the repetitions of two Pixel 7 handsets in one run,
/// or every result of one night. Percentiles cannot be pooled this way; callers say where they come from.
/// </summary>
/// <param name="Count">Measurements in all groups.</param>
/// <param name="Mean">Mean of all measurements.</param>
/// <param name="StdDev">Sample standard deviation (n − 1) of all measurements; 0 for fewer than two.</param>
public readonly record struct PooledMoments(int Count, double Mean, double StdDev)
{
    /// <summary>Pools groups given as (count, mean, stddev); groups with a count of 0 are skipped.</summary>
    /// <exception cref="ArgumentException">A negative count, or a mean or stddev that is not finite.</exception>
    public static PooledMoments Of(IEnumerable<(int Count, double Mean, double StdDev)> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var list = groups.Where(g => g.Count != 0).ToList();
        foreach (var g in list)
        {
            if (g.Count < 0) throw new ArgumentException($"A group has count {g.Count}; counts must be ≥ 0.", nameof(groups));
            if (!double.IsFinite(g.Mean) || !double.IsFinite(g.StdDev) || g.StdDev < 0)
                throw new ArgumentException($"A group has mean {g.Mean} and stddev {g.StdDev}; both must be finite, the stddev ≥ 0.", nameof(groups));
        }
        var count = list.Sum(g => g.Count);
        if (count == 0) return default;
        var mean = list.Sum(g => g.Count * g.Mean) / count;
        // Within-group squares plus between-group squares: the same sum a single pass over all values gives.
        var squares = list.Sum(g => (g.Count - 1) * g.StdDev * g.StdDev + g.Count * (g.Mean - mean) * (g.Mean - mean));
        return new PooledMoments(count, mean, count > 1 ? Math.Sqrt(Math.Max(0, squares) / (count - 1)) : 0);
    }

    /// <summary>Pools <see cref="SampleSummary"/>s.</summary>
    public static PooledMoments Of(IEnumerable<SampleSummary> summaries) =>
        Of(summaries.Select(s => (s.Count, s.Mean, s.StdDev)));

    /// <summary>Moments of single values (one measurement each), e.g. one energy figure per device.</summary>
    public static PooledMoments OfValues(IEnumerable<double> values) => Of(values.Select(v => (1, v, 0.0)));
}
