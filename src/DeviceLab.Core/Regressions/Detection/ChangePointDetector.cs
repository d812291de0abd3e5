namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// Finds the nights where a nightly series changed level: E-divisive means over sliding windows with a
/// Student t-test on each candidate (split step), then Hunter's merge step over the whole series. This
/// is the method of Apache Otava (formerly DataStax Hunter) and MongoDB's performance CI, with isolated
/// outlier nights cleaned first. Deterministic: the same series always gives the same answer.
/// </summary>
/// <remarks>Stateless and thread-safe. To replay a growing series night by night, use
/// <see cref="ChangePointTracker"/>, which gives the same answers without recomputing old windows.</remarks>
public sealed class ChangePointDetector
{
    private readonly ChangePointOptions _options;

    public ChangePointDetector(ChangePointOptions? options = null) => _options = (options ?? new ChangePointOptions()).Validated();

    public ChangePointOptions Options => _options;

    /// <summary>Change points of <paramref name="values"/>, in order of night.</summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite (the message names the night).</exception>
    public IReadOnlyList<ChangePoint> Detect(ReadOnlySpan<double> values)
    {
        ChangePointSearch.CheckFinite(values);
        return new ChangePointSearch(_options).Run(values.ToArray());
    }

    /// <summary>Change points of a series' nightly medians; indices refer to <see cref="NightlySeries.Points"/>. With
    /// <see cref="ChangePointOptions.UseNightSpread"/>, each night's spread and count take part in the test.</summary>
    public IReadOnlyList<ChangePoint> Detect(NightlySeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new ChangePointSearch(_options).Run(series.Medians(), series.Points.Select(p => p.Spread).ToArray(), series.Points.Select(p => p.N).ToArray());
    }
}
