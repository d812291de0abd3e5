namespace DeviceLab.Adb.Forwarding;

/// <summary>Parses <c>list-forward</c> replies: one <c>serial local remote</c> line per rule.</summary>
internal static class ForwardListParser
{
    public static IReadOnlyList<ForwardRule> Parse(string text)
    {
        var rules = new List<ForwardRule>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3) throw new AdbProtocolException($"forward list line '{line}' is not 'serial local remote'");
            rules.Add(new ForwardRule(parts[0], parts[1], parts[2]));
        }
        return rules;
    }
}
