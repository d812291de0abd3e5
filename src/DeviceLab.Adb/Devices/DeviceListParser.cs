using System.Text.RegularExpressions;

namespace DeviceLab.Adb.Devices;

/// <summary>
/// Parses the device list of <c>host:devices[-l]</c> and <c>host:track-devices[-l]</c>:
/// <c>serial\tstate</c> (short form) or <c>serial  state product:p model:m device:d transport_id:n</c> (long form).
/// </summary>
internal static partial class DeviceListParser
{
    public static IReadOnlyList<AdbDeviceEntry> Parse(string text)
    {
        var entries = new List<AdbDeviceEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            entries.Add(ParseLine(line));
        }
        return entries;
    }

    public static AdbDeviceEntry ParseLine(string line)
    {
        var tokens = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 2) throw new AdbProtocolException($"device list line '{line}' has no state");

        // Attributes trail the line; the state between serial and attributes may hold spaces ("no permissions (…)").
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var stateEnd = tokens.Length;
        while (stateEnd > 2 && AttributeToken().IsMatch(tokens[stateEnd - 1])) stateEnd--;
        for (var i = stateEnd; i < tokens.Length; i++)
        {
            var colon = tokens[i].IndexOf(':');
            attributes[tokens[i][..colon]] = tokens[i][(colon + 1)..];
        }
        var stateText = string.Join(' ', tokens[1..stateEnd]);
        return new AdbDeviceEntry(tokens[0], AdbDeviceStates.Parse(stateText), stateText, attributes);
    }

    [GeneratedRegex("^[a-z_]+:")]
    private static partial Regex AttributeToken();
}
