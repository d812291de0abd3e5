using System.Text;

namespace DeviceLab.Server.Fleet;

/// <summary>
/// Pool tags: lower-case words of letters, digits, '.', '_' and '-' (<c>pixel-7</c>, <c>android-14</c>). A device's
/// tags are the automatic ones derived from its properties plus the ones operators gave it.
/// </summary>
public static class DeviceTags
{
    public const int MaxLength = 64;
    public const int MaxUserTags = 32;

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

    /// <summary>The problems with operator-given tags, each naming the tag; empty when all are valid.</summary>
    public static List<string> Problems(IReadOnlyCollection<string> tags)
    {
        var problems = new List<string>();
        if (tags.Count > MaxUserTags) problems.Add($"{tags.Count} tags given; at most {MaxUserTags} are allowed");
        foreach (var tag in tags)
        {
            if (string.IsNullOrEmpty(tag) || tag.Length > MaxLength)
                problems.Add($"tag '{tag}' must be 1–{MaxLength} characters long");
            else if (tag.Any(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-')))
                problems.Add($"tag '{tag}' may contain only lower-case letters, digits, '.', '_' and '-'");
        }
        return problems;
    }
}
