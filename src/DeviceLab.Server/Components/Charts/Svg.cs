using System.Globalization;

namespace DeviceLab.Server.Components.Charts;

/// <summary>Numbers for SVG attributes: invariant culture, two decimals at most (a server in a "1,5" locale
/// must not write <c>x="1,5"</c>).</summary>
public static class Svg
{
    public static string F(double value) => double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    /// <summary>"x1,y1 x2,y2 …" for polyline / polygon points.</summary>
    public static string Points(IEnumerable<(double X, double Y)> points) => string.Join(" ", points.Select(p => $"{F(p.X)},{F(p.Y)}"));
}
