namespace DeviceLab.Server.Components.Charts;

/// <summary>
/// Series colours: the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies), in a fixed
/// order so a variant keeps its colour across the charts of one page.
/// </summary>
public static class ChartPalette
{
    private static readonly string[] Colours =
        ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#6B4C9A", "#8C8C8C", "#B5892A", "#1B3A5C"];

    public static string For(int index) => Colours[((index % Colours.Length) + Colours.Length) % Colours.Length];

    /// <summary>A colour per distinct key, in order of first appearance.</summary>
    public static IReadOnlyDictionary<string, string> Assign(IEnumerable<string> keys)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!map.ContainsKey(key)) map[key] = For(map.Count);
        }
        return map;
    }
}
