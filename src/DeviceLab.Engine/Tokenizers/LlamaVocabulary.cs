namespace DeviceLab.Engine.Tokenizers;

/// <summary>A SentencePiece-style vocabulary as GGUF stores it.</summary>
public sealed record LlamaVocabulary(string[] Tokens, float[] Scores, int[] TokenTypes)
{
    /// <summary>Three control tokens, 256 byte tokens and the space mark.</summary>
    public const int ByteLevelMinimumSize = 3 + 256 + 1;

    /// <summary>
    /// A vocabulary for a checkpoint that comes without its tokenizer: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, the 256
    /// byte tokens at ids 3–258 (where SentencePiece's byte fallback puts them), "▁" (so spaces decode
    /// as spaces), and the remaining ids as unused placeholders. Any text encodes (as bytes) and decodes.
    /// </summary>
    public static LlamaVocabulary ByteLevel(int size)
    {
        if (size < ByteLevelMinimumSize)
            throw new ArgumentOutOfRangeException(nameof(size), $"vocab size {size} is too small for a byte-level vocabulary (needs at least {ByteLevelMinimumSize})");
        var tokens = new string[size];
        var types = new int[size];
        (tokens[0], types[0]) = ("<unk>", (int)TokenType.Unknown);
        (tokens[1], types[1]) = ("<s>", (int)TokenType.Control);
        (tokens[2], types[2]) = ("</s>", (int)TokenType.Control);
        for (var b = 0; b < 256; b++) (tokens[3 + b], types[3 + b]) = ($"<0x{b:X2}>", (int)TokenType.Byte);
        (tokens[259], types[259]) = ("▁", (int)TokenType.Normal);
        for (var i = 260; i < size; i++) (tokens[i], types[i]) = ($"<unused{i - 260}>", (int)TokenType.Unused);
        return new LlamaVocabulary(tokens, new float[size], types);
    }
}
