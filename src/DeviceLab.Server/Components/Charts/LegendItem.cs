namespace DeviceLab.Server.Components.Charts;

/// <summary>One entry of a chart legend.</summary>
/// <param name="Label">What the colour stands for.</param>
/// <param name="Colour">CSS colour.</param>
/// <param name="Style">How the swatch is drawn: <c>dot</c>, <c>hollow</c>, <c>line</c>, <c>dashed</c>, <c>band</c>.</param>
public sealed record LegendItem(string Label, string Colour, string Style = "dot");
