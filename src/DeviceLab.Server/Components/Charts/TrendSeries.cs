namespace DeviceLab.Server.Components.Charts;

/// <summary>One nightly series of a <see cref="TrendChart"/> (e.g. one variant on one device model).</summary>
public sealed record TrendSeries(string Name, IReadOnlyList<TrendPoint> Points, IReadOnlyList<TrendMarker> Markers);

/// <summary>One night of a series.</summary>
/// <param name="Night">The viewer's calendar date of the run.</param>
/// <param name="Value">The night's value (mean of its repetitions), in the chart's unit.</param>
/// <param name="Spread">± spread of the night (stddev), drawn as a band.</param>
/// <param name="Href">Where a click goes (the run).</param>
/// <param name="Hollow">From a virtual device or simulated telemetry.</param>
public sealed record TrendPoint(DateOnly Night, double Value, double Spread, string Tooltip, string? Href, bool Hollow = false);

/// <summary>A marked night: a detected change point or a regression's first bad night.</summary>
public sealed record TrendMarker(DateOnly Night, TrendMarkerKind Kind, string Label, string? Href = null);

public enum TrendMarkerKind
{
    /// <summary>Found by the change-point detector on the series shown.</summary>
    ChangePoint,

    /// <summary>First bad night of an open regression (from the regressions table).</summary>
    OpenRegression,

    /// <summary>First bad night of a closed regression.</summary>
    ClosedRegression,
}
