namespace DeviceLab.Server.Components.Charts;

/// <summary>A line of a <see cref="LineChart"/>.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Points">(x, y) in the axes' units, in order of x; a NaN y breaks the line.</param>
/// <param name="Dashed">Drawn dashed: simulated telemetry.</param>
public sealed record LineSeries(string Name, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);

/// <summary>A shaded stretch of x with a label, e.g. a prefill phase.</summary>
public sealed record XBand(double From, double To, string Label, string Colour = "#9E9E9E");
