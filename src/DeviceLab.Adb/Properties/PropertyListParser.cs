using System.Text.RegularExpressions;

namespace DeviceLab.Adb.Properties;

/// <summary>
/// Parses <c>getprop</c> output: <c>[key]: [value]</c> per property, where a value may span lines (and may
/// itself contain <c>]</c>): a value ends only at a <c>]</c> that closes a line followed by the next
/// <c>[key]: [</c> or the end of the output.
/// </summary>
internal static partial class PropertyListParser
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in Property().Matches(text.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            properties[match.Groups["key"].Value] = match.Groups["value"].Value;
        }
        return properties;
    }

    [GeneratedRegex(@"^\[(?<key>[^\]\n]+)\]: \[(?<value>.*?)\]$(?=\n\[[^\]\n]+\]: \[|\s*\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Property();
}
