namespace DeviceLab.Core.Regressions;

/// <summary>
/// A validated nightly series: nights strictly increasing, one point per night, finite numbers.
/// Validation happens once here, so the detector and the triage can trust their input.
/// </summary>
public sealed class NightlySeries
{
    /// <exception cref="ArgumentException">A point is invalid; the message names the night and the problem.</exception>
    public NightlySeries(SeriesKey key, MetricDirection direction, IEnumerable<SeriesPoint> points)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(points);
        if (!Enum.IsDefined(direction)) throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown metric direction.");
        Key = key;
        Direction = direction;
        Points = Validated(key, points.ToArray());
    }

    public SeriesKey Key { get; }

    public MetricDirection Direction { get; }

    /// <summary>The nights in order, oldest first.</summary>
    public IReadOnlyList<SeriesPoint> Points { get; }

    public int Count => Points.Count;

    /// <summary>The nightly medians in order, the values change-point detection sees.</summary>
    public double[] Medians() => Points.Select(p => p.Median).ToArray();

    private static SeriesPoint[] Validated(SeriesKey key, SeriesPoint[] points)
    {
        for (var i = 0; i < points.Length; i++)
        {
            var p = points[i];
            if (!double.IsFinite(p.Median))
                throw new ArgumentException($"Series {key}: night {p.Night:yyyy-MM-dd} has median {p.Median}, not a finite number.", nameof(points));
            if (!double.IsFinite(p.Spread) || p.Spread < 0)
                throw new ArgumentException($"Series {key}: night {p.Night:yyyy-MM-dd} has spread {p.Spread}; it must be finite and ≥ 0.", nameof(points));
            if (p.N < 1)
                throw new ArgumentException($"Series {key}: night {p.Night:yyyy-MM-dd} has N = {p.N}; a point needs at least one repetition.", nameof(points));
            if (i > 0 && p.Night <= points[i - 1].Night)
                throw new ArgumentException(
                    $"Series {key}: night {p.Night:yyyy-MM-dd} follows {points[i - 1].Night:yyyy-MM-dd}; nights must be strictly increasing (one point per night).",
                    nameof(points));
        }
        return points;
    }
}
