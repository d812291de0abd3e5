using System.Text;

namespace DeviceLab.Server.Fleet;

/// <summary>
/// The automatic pool tags of a device, derived from its properties (<c>pixel-7</c>, <c>android-14</c>, <c>abi-x86_64</c>,
/// <c>virtual</c>); a device's tags are these plus the ones operators gave it (validated by <c>Devices.DeviceTags</c>).
/// </summary>
public static class DeviceTags
{
    public const int MaxLength = 64;

    /// <summary>Tags of a device reporting these facts: its model as a slug, <c>android-NN</c>, <c>abi-…</c>, <c>virtual</c>.</summary>
    public static List<string> Automatic(string? model, string? osVersion, string? abi, bool isVirtual)
    {
        var tags = new List<string>();
        if (Slug(model) is { Length: > 0 } modelTag) tags.Add(modelTag);
        if (osVersion?.Split('.')[0] is { Length: > 0 } major && Slug($"android-{major}") is { Length: > 0 } androidTag) tags.Add(androidTag);
        if (Slug(abi is null ? null : $"abi-{abi}") is { Length: > 0 } abiTag) tags.Add(abiTag);
        if (isVirtual) tags.Add("virtual");
        return tags;
    }

    /// <summary>Automatic and user tags, each once, in that order.</summary>
    public static List<string> Merge(IEnumerable<string> automatic, IEnumerable<string> user) => automatic.Concat(user).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>"Pixel 7 Pro" → "pixel-7-pro"; null or nothing usable → empty.</summary>
    public static string Slug(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var result = slug.ToString().Trim('-');
        return result.Length > MaxLength ? result[..MaxLength] : result;
    }
}
