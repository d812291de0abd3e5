using DeviceLab.Core.Regressions;

namespace DeviceLab.Server.Regressions.Series;

/// <summary>A series read back from <c>nightly_points</c>: the validated points the detector sees, and the stored rows
/// (run and device ids per night) the job needs to describe what it finds.</summary>
public sealed class StoredSeries(SeriesIdentity identity, SeriesMetric metric, NightlySeries series, IReadOnlyList<NightlyPoint> nights)
{
    public SeriesIdentity Identity { get; } = identity;
    public SeriesMetric Metric { get; } = metric;

    /// <summary>Points in night order; indices match <see cref="Nights"/>.</summary>
    public NightlySeries Series { get; } = series;
    public IReadOnlyList<NightlyPoint> Nights { get; } = nights;

    /// <summary>The series up to and including <paramref name="night"/> (what the per-run gate judges).</summary>
    public NightlySeries Until(DateOnly night) =>
        new(Series.Key, Series.Direction, Series.Points.TakeWhile(p => p.Night <= night));

    /// <summary>The stored night <paramref name="night"/>, or null.</summary>
    public NightlyPoint? At(DateOnly night) => Nights.FirstOrDefault(n => n.Night == night);
}
