namespace DeviceLab.Server.Components.Charts;

/// <summary>A point of a <see cref="ScatterChart"/>.</summary>
/// <param name="Group">Colour and Pareto-front group (e.g. the device model).</param>
/// <param name="Label">Short text next to the point (e.g. the variant, "Q4_0").</param>
/// <param name="X">Horizontal value, in the x axis' unit.</param>
/// <param name="Y">Vertical value, in the y axis' unit.</param>
/// <param name="Tooltip">Everything about the point, with spreads and sources.</param>
/// <param name="Hollow">Drawn hollow: from a virtual device or simulated telemetry.</param>
/// <param name="XSpread">± spread of x (drawn as a whisker), same unit.</param>
/// <param name="YSpread">± spread of y, same unit.</param>
public sealed record ScatterPoint(string Group, string Label, double X, double Y, string Tooltip,
    bool Hollow = false, double? XSpread = null, double? YSpread = null);
