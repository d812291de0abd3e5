using System.Text.RegularExpressions;

namespace DeviceLab.Server.Devices;

/// <summary>Pool tags (<c>pixel-7</c>, <c>android-14</c>): lower case, digits, '.', '-', '_' — what suites select by.</summary>
public static partial class DeviceTags
{
    public const int MaxTags = 32;

    /// <summary>The tags trimmed, lower-cased and de-duplicated, or an error naming the first bad one.</summary>
    public static (List<string>? Tags, string? Error) Normalize(IEnumerable<string?>? tags)
    {
        var result = new List<string>();
        foreach (var raw in tags ?? [])
        {
            var tag = raw?.Trim().ToLowerInvariant() ?? "";
            if (!Valid().IsMatch(tag))
                return (null, $"'{raw}' is not a usable tag: 1–50 lower-case letters, digits, '.', '-' or '_', starting with a letter or digit.");
            if (!result.Contains(tag)) result.Add(tag);
        }
        return result.Count > MaxTags ? (null, $"{result.Count} tags: a device takes at most {MaxTags}.") : (result, null);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,49}$")]
    private static partial Regex Valid();
}
