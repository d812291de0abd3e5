using System.Globalization;

/// <summary>Finds the bytes the device took for a sync header in the source file: how far the stream slipped.</summary>
internal static partial class Desync
{
    public static string Explain(string message, string sourcePath)
    {
        var match = HeaderInMessage().Match(message);
        if (!match.Success) return "";
        var id = uint.Parse(match.Groups["id"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var length = uint.Parse(match.Groups["length"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var position = long.Parse(match.Groups["position"].Value, CultureInfo.InvariantCulture);
        var pattern = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(pattern, id);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(pattern.AsSpan(4), length);
        var data = File.ReadAllBytes(sourcePath);
        var found = data.AsSpan().IndexOf(pattern);
        if (found < 0) return $" [header bytes not found in the source; device had {position} bytes, chunk {position / 65536.0:0.###}]";
        return $" [device had {position} file bytes (chunk {position / 65536.0:0.###}); it read a header at source offset {found} (chunk {found / 65536.0:0.###}): {(found > position ? "lost" : "repeated")} {Math.Abs(found - position)} bytes]";
    }

    /// <summary>Where a file that arrived whole but wrong differs from its source, and where the wrong bytes came from.</summary>
    public static string Compare(string sourcePath, string receivedPath)
    {
        var expected = File.ReadAllBytes(sourcePath);
        var received = File.ReadAllBytes(receivedPath);
        var first = expected.AsSpan().CommonPrefixLength(received);
        File.Copy(receivedPath, receivedPath + ".corrupt", overwrite: true);
        if (received.Length != expected.Length)
        {
            var extra = received.Length - expected.Length;
            var tailMatches = extra > 0 && received.AsSpan(first + extra).SequenceEqual(expected.AsSpan(first));
            var duplicate = extra > 0 && first >= extra && received.AsSpan(first, extra).SequenceEqual(expected.AsSpan(first - extra, extra));
            return $" [size {received.Length}, expected {expected.Length}; first difference at {first} (chunk {first / 65536.0:0.###}); rest shifted by the extra bytes: {tailMatches}; the extra bytes repeat the {extra} before them: {duplicate}; kept as {receivedPath}.corrupt]";
        }
        var last = first;
        var regions = 0;
        for (var i = first; i < expected.Length; i++)
        {
            if (expected[i] == received[i]) continue;
            if (i - last > 64) regions++;
            last = i;
        }
        var probe = received.AsSpan(first, Math.Min(16, received.Length - first));
        var from = expected.AsSpan().IndexOf(probe);
        return $" [first difference at {first} (chunk {first / 65536.0:0.###}), last at {last}, {regions + 1} region(s); the wrong bytes {(from >= 0 ? $"are the source's bytes at {from} ({from - first:+0;-0})" : "are not in the source")}; kept as {receivedPath}.corrupt]";
    }

    [System.Text.RegularExpressions.GeneratedRegex("'0x(?<id>[0-9a-f]{8})' \\(length field 0x(?<length>[0-9a-f]{8})\\) during SEND after (?<position>[0-9]+) bytes")]
    private static partial System.Text.RegularExpressions.Regex HeaderInMessage();
}
