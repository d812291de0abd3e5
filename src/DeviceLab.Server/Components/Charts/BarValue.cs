namespace DeviceLab.Server.Components.Charts;

/// <summary>One bar of a <see cref="GroupedBarChart"/>: a series' value in a category.</summary>
/// <param name="Category">The group on the x axis (e.g. the device model).</param>
/// <param name="Series">The bar's series within the group (e.g. the variant); sets the colour.</param>
/// <param name="Value">Bar height in the y axis' unit; null draws no bar ("not measured").</param>
/// <param name="Spread">± spread drawn as a whisker.</param>
/// <param name="Tooltip">The value with spread, n and sources.</param>
/// <param name="Hollow">From a virtual device or simulated telemetry: drawn as an outline.</param>
public sealed record BarValue(string Category, string Series, double? Value, double? Spread, string Tooltip, bool Hollow = false);
