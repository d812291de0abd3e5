using DeviceLab.Engine.Tokenizers;

namespace DeviceLab.Engine.Synthesis;

/// <summary>
/// A deterministic SentencePiece-style ("llama") vocabulary of an exact size: <c>&lt;unk&gt;</c>,
/// <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, the 256 byte tokens <c>&lt;0x00&gt;</c>…<c>&lt;0xFF&gt;</c>, then
/// unique pieces: "▁", single characters, common English words with every prefix (so the merge
/// tokenizer can reach them), then all lower-case strings by length. Scores fall with rank, like a
/// real SentencePiece model's log-probabilities.
/// </summary>
public static class SyntheticVocabulary
{
    public const int UnknownId = 0, BosId = 1, EosId = 2;

    /// <summary>Control tokens and byte tokens come first; a vocabulary needs at least this many.</summary>
    public const int MinimumSize = 3 + 256;

    private const string Space = "▁";

    private static readonly string[] CommonWords =
    [
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on",
        "not", "he", "I", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had", "they",
        "you", "were", "their", "one", "all", "we", "can", "her", "has", "there", "been", "if", "more", "when",
        "will", "would", "who", "so", "no", "she", "other", "its", "may", "these", "what", "them", "than", "some",
        "him", "time", "into", "only", "do", "out", "up", "my", "about", "new", "day", "said", "like", "little",
        "big", "girl", "boy", "dog", "cat", "play", "happy", "friend", "once", "upon", "there", "went", "saw",
        "mom", "very", "wanted", "tree", "ball", "park", "sun", "model", "device", "phone", "token", "speed",
        "memory", "battery", "test", "run", "fast", "slow", "hello", "world", "story", "water", "house",
    ];

    /// <summary>Builds a vocabulary of exactly <paramref name="size"/> tokens.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Smaller than <see cref="MinimumSize"/>.</exception>
    public static LlamaVocabulary Build(int size)
    {
        if (size < MinimumSize)
            throw new ArgumentOutOfRangeException(nameof(size), $"a llama vocabulary needs at least {MinimumSize} tokens (3 control + 256 byte tokens), got {size}");
        var tokens = new List<string>(size) { "<unk>", "<s>", "</s>" };
        var types = new List<int>(size) { (int)TokenType.Unknown, (int)TokenType.Control, (int)TokenType.Control };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add((int)TokenType.Byte);
        }
        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);
        using var pieces = Pieces().GetEnumerator();
        while (tokens.Count < size && pieces.MoveNext())
        {
            if (!seen.Add(pieces.Current)) continue;
            tokens.Add(pieces.Current);
            types.Add((int)TokenType.Normal);
        }
        var scores = new float[size];
        for (var i = MinimumSize; i < size; i++) scores[i] = -(i - MinimumSize);
        return new LlamaVocabulary(tokens.ToArray(), scores, types.ToArray());
    }

    private static IEnumerable<string> Pieces()
    {
        yield return Space;
        const string singles = "etaoinshrdlcumwfgypbvkjxqzETAOINSHRDLCUMWFGYPBVKJXQZ0123456789.,!?'\"-:;()[]{}/\\@#$%&*+=_~`|<>^";
        foreach (var c in singles)
        {
            yield return c.ToString();
            yield return Space + c;
        }
        foreach (var word in CommonWords)
        {
            foreach (var form in new[] { word, char.ToUpperInvariant(word[0]) + word[1..] })
            {
                for (var length = 1; length <= form.Length; length++)
                {
                    yield return Space + form[..length];
                    yield return form[..length];
                }
            }
        }
        // Every lower-case string by length: each one's prefixes come before it, so all are reachable by merges.
        for (var length = 2; ; length++)
        {
            foreach (var s in LowerCaseStrings(length))
            {
                yield return Space + s;
                yield return s;
            }
        }
    }

    private static IEnumerable<string> LowerCaseStrings(int length)
    {
        var letters = new char[length];
        Array.Fill(letters, 'a');
        while (true)
        {
            yield return new string(letters);
            var i = length - 1;
            while (i >= 0 && letters[i] == 'z') letters[i--] = 'a';
            if (i < 0) yield break;
            letters[i]++;
        }
    }
}
