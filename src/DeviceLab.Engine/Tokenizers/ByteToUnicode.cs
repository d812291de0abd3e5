namespace DeviceLab.Engine.Tokenizers;

/// <summary>
/// GPT-2's reversible byte → character map: printable Latin-1 bytes map to themselves, the other 68
/// bytes to U+0100 onwards (space becomes 'Ġ', newline 'Ċ'), so every byte string is a string of
/// visible characters that BPE merges can work on.
/// </summary>
public static class ByteToUnicode
{
    private static readonly char[] Forward = BuildForward();
    private static readonly Dictionary<char, byte> Backward = Enumerable.Range(0, 256).ToDictionary(b => Forward[b], b => (byte)b);

    public static char Encode(byte value) => Forward[value];

    public static bool TryDecode(char c, out byte value) => Backward.TryGetValue(c, out value);

    /// <summary>The mapped characters of a UTF-8 byte string.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = Forward[bytes[i]];
        return new string(chars);
    }

    private static char[] BuildForward()
    {
        var map = new char[256];
        var assigned = new bool[256];
        foreach (var (from, to) in new[] { ('!', '~'), ('¡', '¬'), ('®', 'ÿ') })
        {
            for (int c = from; c <= to; c++)
            {
                map[c] = (char)c;
                assigned[c] = true;
            }
        }
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            if (!assigned[b]) map[b] = (char)next++;
        }
        return map;
    }
}
