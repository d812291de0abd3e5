using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Tokenizers;

namespace DeviceLab.Engine.Tests.Tokenizers;

public sealed class BytePairTokenizerTests
{
    /// <summary>
    /// A hand-made byte-level vocabulary: every byte character, a few merged pieces and one control
    /// token; merges ranked in the listed order.
    /// </summary>
    private static GgufMetadata HandMade()
    {
        string[] merges = ["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "Ġwor l", "Ġworl d", "Ġ Ġ"];
        var tokens = Enumerable.Range(0, 256).Select(b => ByteToUnicode.Encode((byte)b).ToString()).ToList();
        tokens.AddRange(["he", "ll", "hell", "hello", "Ġw", "or", "Ġwor", "Ġworl", "Ġworld", "ĠĠ", "<|endoftext|>"]);
        var types = Enumerable.Repeat(1, tokens.Count).ToArray();
        types[^1] = 3;
        var m = new GgufMetadata();
        m.Add("tokenizer.ggml.model", GgufValue.String("gpt2"));
        m.Add("tokenizer.ggml.tokens", GgufValue.Array(tokens.ToArray()));
        m.Add("tokenizer.ggml.token_type", GgufValue.Array(types));
        m.Add("tokenizer.ggml.merges", GgufValue.Array(merges));
        m.Add("tokenizer.ggml.bos_token_id", GgufValue.UInt32((uint)tokens.Count - 1));
        m.Add("tokenizer.ggml.eos_token_id", GgufValue.UInt32((uint)tokens.Count - 1));
        return m;
    }

    private static readonly ITokenizer Bpe = Tokenizer.FromMetadata(HandMade());

    private static string[] Pieces(string text) => Bpe.Encode(text, false).Select(Bpe.TokenText).ToArray();

    [Fact]
    public void Byte_to_unicode_maps_space_and_newline_like_gpt2()
    {
        Assert.Equal('Ġ', ByteToUnicode.Encode((byte)' '));
        Assert.Equal('Ċ', ByteToUnicode.Encode((byte)'\n'));
        Assert.Equal('A', ByteToUnicode.Encode((byte)'A'));
        Assert.Equal(256, Enumerable.Range(0, 256).Select(b => ByteToUnicode.Encode((byte)b)).Distinct().Count());
    }

    [Fact]
    public void Merges_apply_by_rank_within_pre_tokenized_words()
    {
        Assert.Equal(["hello", "Ġworld"], Pieces("hello world"));
        Assert.Equal(["hell", "Ġwor"], Pieces("hell wor"));
        Assert.Equal(["he", "Ġw", "o"], Pieces("he wo"));
        // " world" keeps its space; a run of spaces leaves the last one to the next word.
        Assert.Equal(["hello", "ĠĠ", "Ġworld"], Pieces("hello   world"));
    }

    [Fact]
    public void Unmerged_bytes_are_single_byte_tokens()
    {
        // é = C3 A9 → 'Ã' '©' in the byte map.
        Assert.Equal(["Ã", "©"], Pieces("é"));
        Assert.Equal(4, Bpe.Encode("🚀", false).Length);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("It's 2025: naïve café, 中文, emoji 🚀👩‍💻!")]
    [InlineData("  spaces\tand\nnewlines  ")]
    [InlineData("")]
    public void Round_trips(string text) => Assert.Equal(text, Bpe.Decode(Bpe.Encode(text, true)));

    [Fact]
    public void Bos_comes_first_and_control_tokens_decode_to_nothing()
    {
        var ids = Bpe.Encode("hello", true);
        Assert.Equal(Bpe.Bos, ids[0]);
        Assert.Equal("<|endoftext|>", Bpe.TokenText(ids[0]));
        Assert.Equal("hello", Bpe.Decode([.. ids, Bpe.Eos]));
    }

    [Fact]
    public void Malformed_merge_is_named()
    {
        var m = HandMade();
        m.Set("tokenizer.ggml.merges", GgufValue.Array(new[] { "h e", "nospace" }));
        Assert.Contains("entry 1 (\"nospace\")", Assert.Throws<GgufFormatException>(() => Tokenizer.FromMetadata(m)).Message);
    }

    [Fact]
    public void Missing_merges_are_named()
    {
        var m = HandMade();
        m.Remove("tokenizer.ggml.merges");
        Assert.Contains("'tokenizer.ggml.merges'", Assert.Throws<GgufFormatException>(() => Tokenizer.FromMetadata(m)).Message);
    }
}
