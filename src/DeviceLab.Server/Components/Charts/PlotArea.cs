namespace DeviceLab.Server.Components.Charts;

/// <summary>The drawing box of a chart in SVG user units: the whole <c>viewBox</c> and the margins left for axes.</summary>
public readonly record struct PlotArea(double Width, double Height, double MarginLeft = 64, double MarginTop = 14, double MarginRight = 16, double MarginBottom = 44)
{
    public double Left => MarginLeft;
    public double Right => Width - MarginRight;
    public double Top => MarginTop;
    public double Bottom => Height - MarginBottom;
    public double PlotWidth => Right - Left;
    public double PlotHeight => Bottom - Top;
    public string ViewBox => $"0 0 {Svg.F(Width)} {Svg.F(Height)}";
}
