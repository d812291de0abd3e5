using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;

namespace DeviceLab.Engine.Tokenizers;

/// <summary>The vocabulary arrays of <c>tokenizer.ggml.*</c>, validated, with a text → id lookup.</summary>
public sealed class TokenVocabulary
{
    private readonly Dictionary<string, int> _ids;

    public TokenVocabulary(string[] tokens, float[]? scores = null, int[]? types = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Length == 0) throw new GgufFormatException($"'{LlamaMetadataKeys.Tokens}' is empty");
        if (scores is not null && scores.Length != tokens.Length)
            throw new GgufFormatException($"'{LlamaMetadataKeys.Scores}' has {scores.Length} entries but there are {tokens.Length} tokens");
        if (types is not null && types.Length != tokens.Length)
            throw new GgufFormatException($"'{LlamaMetadataKeys.TokenTypes}' has {types.Length} entries but there are {tokens.Length} tokens");
        Tokens = tokens;
        Scores = scores ?? new float[tokens.Length];
        Types = types ?? Enumerable.Repeat((int)TokenType.Normal, tokens.Length).ToArray();
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        // Some real vocabularies repeat a piece; the first id wins, as in llama.cpp.
        for (var i = 0; i < tokens.Length; i++) _ids.TryAdd(tokens[i], i);
        Lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static TokenVocabulary FromMetadata(GgufMetadata metadata) => new(
        metadata.GetStringArray(LlamaMetadataKeys.Tokens),
        metadata.TryGetFloat32Array(LlamaMetadataKeys.Scores, out var scores) ? scores : null,
        metadata.TryGetInt32Array(LlamaMetadataKeys.TokenTypes, out var types) ? types : null);

    public string[] Tokens { get; }

    public float[] Scores { get; }

    public int[] Types { get; }

    public int Count => Tokens.Length;

    /// <summary>Span-keyed lookup, so encoders need not allocate a string per probe.</summary>
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    public bool TryGetId(string text, out int id) => _ids.TryGetValue(text, out id);

    public TokenType TypeOf(int id) => (TokenType)Types[id];

    /// <summary>An id from metadata, checked against the vocabulary; <paramref name="fallback"/> when the key is absent.</summary>
    public int SpecialId(GgufMetadata metadata, string key, int fallback)
    {
        if (!metadata.TryGetInt64(key, out var id)) return fallback < Count ? fallback : -1;
        if (id < 0 || id >= Count)
            throw new GgufFormatException($"'{key}' is {id}, outside the vocabulary of {Count} tokens");
        return (int)id;
    }
}
