using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Synthesis;
using DeviceLab.Engine.Tokenizers;

namespace DeviceLab.Engine.Tests.Tokenizers;

public sealed class SentencePieceTokenizerTests
{
    private static readonly Lazy<SentencePieceTokenizer> Synthetic = new(() =>
        (SentencePieceTokenizer)Tokenizer.FromMetadata(SyntheticModel.BuildMetadata(SyntheticShapes.SmolLm135M, 1, Engine.Tensors.GgmlType.F16)));

    /// <summary>A hand-made vocabulary: control tokens, byte tokens, then the given pieces with scores.</summary>
    private static SentencePieceTokenizer Hand(params (string Piece, float Score)[] pieces)
    {
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        var types = new List<int> { 2, 3, 3 };
        var scores = new List<float> { 0, 0, 0 };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(6);
            scores.Add(0);
        }
        foreach (var (piece, score) in pieces)
        {
            tokens.Add(piece);
            types.Add(1);
            scores.Add(score);
        }
        return new SentencePieceTokenizer(new TokenVocabulary(tokens.ToArray(), scores.ToArray(), types.ToArray()), 1, 2, 0, addSpacePrefix: true);
    }

    private static string[] Pieces(ITokenizer t, string text) => t.Encode(text, false).Select(t.TokenText).ToArray();

    [Theory]
    [InlineData("Hello world")]
    [InlineData("Once upon a time, there was a little girl.")]
    [InlineData("héllo wörld — ünïcödé")]
    [InlineData("中文字符 日本語")]
    [InlineData("emoji 🚀🔥 and 👩‍💻")]
    [InlineData("  leading, trailing  and   multiple spaces  ")]
    [InlineData("tabs\tand\nnew\r\nlines\n\n")]
    [InlineData(" ")]
    [InlineData("<s> is not parsed as a control token")]
    public void Round_trips(string text)
    {
        var t = Synthetic.Value;
        Assert.Equal(text, t.Decode(t.Encode(text, addBos: true)));
        Assert.Equal(text, t.Decode(t.Encode(text, addBos: false)));
    }

    [Fact]
    public void Empty_text_is_only_bos()
    {
        Assert.Equal([1], Synthetic.Value.Encode("", true));
        Assert.Empty(Synthetic.Value.Encode("", false));
    }

    [Fact]
    public void Common_words_become_single_pieces_with_the_space_mark()
    {
        Assert.Equal(["▁the", "▁dog"], Pieces(Synthetic.Value, "the dog"));
        Assert.Equal(["▁Once", "▁upon"], Pieces(Synthetic.Value, "Once upon"));
    }

    [Fact]
    public void Characters_outside_the_vocabulary_fall_back_to_utf8_byte_tokens()
    {
        // 🚀 is F0 9F 9A 80; é is C3 A9.
        Assert.Equal(["▁", "<0xF0>", "<0x9F>", "<0x9A>", "<0x80>"], Pieces(Synthetic.Value, "🚀"));
        Assert.Equal(["▁", "<0xC3>", "<0xA9>"], Pieces(Synthetic.Value, "é"));
        Assert.Equal(["▁a", "<0x0A>", "b"], Pieces(Synthetic.Value, "a\nb"));
    }

    [Fact]
    public void Highest_scoring_pair_merges_first()
    {
        // "abc": "ab" (−1) beats "bc" (−2) → [ab, c]; with the scores swapped → [a, bc].
        Assert.Equal(["▁", "ab", "c"], Pieces(Hand(("▁", 0), ("a", -5), ("b", -5), ("c", -5), ("ab", -1), ("bc", -2)), "abc"));
        Assert.Equal(["▁", "a", "bc"], Pieces(Hand(("▁", 0), ("a", -5), ("b", -5), ("c", -5), ("ab", -2), ("bc", -1)), "abc"));
    }

    [Fact]
    public void Equal_scores_merge_leftmost_first()
    {
        // "aaa" with only "aa": the left pair merges, the last a stays.
        Assert.Equal(["▁", "aa", "a"], Pieces(Hand(("▁", 0), ("a", -1), ("aa", -1)), "aaa"));
    }

    [Fact]
    public void Merges_build_longer_pieces_through_intermediates()
    {
        var t = Hand(("▁", 0), ("h", -9), ("e", -9), ("l", -9), ("o", -9), ("▁h", -3), ("ll", -2), ("▁he", -4), ("llo", -5), ("▁hello", -6));
        Assert.Equal(["▁hello"], Pieces(t, "hello"));
        Assert.Equal(["▁hello", "▁", "<0x21>"], Pieces(t, "hello !"));
        // Without "▁hello" the best reachable pieces are "▁he" + "llo".
        var shorter = Hand(("▁", 0), ("h", -9), ("e", -9), ("l", -9), ("o", -9), ("▁h", -3), ("ll", -2), ("▁he", -4), ("llo", -5));
        Assert.Equal(["▁he", "llo"], Pieces(shorter, "hello"));
    }

    [Fact]
    public void Decode_skips_control_tokens_and_shows_unknown()
    {
        var t = Synthetic.Value;
        var ids = t.Encode("hi", true).Append(t.Eos).Prepend(0).ToArray();
        Assert.Equal("▅ hi", t.Decode(ids));
        Assert.Empty(t.TokenBytes(t.Bos));
    }

    [Fact]
    public void Without_space_prefix_no_mark_is_added()
    {
        var metadata = SyntheticModel.BuildMetadata(SyntheticShapes.Tiny, 1, Engine.Tensors.GgmlType.F32);
        metadata.Set("tokenizer.ggml.add_space_prefix", GgufValue.Bool(false));
        var t = Tokenizer.FromMetadata(metadata);
        Assert.Equal("a", t.TokenText(t.Encode("a", false)[0]));
        Assert.Equal("a b", t.Decode(t.Encode("a b", false)));
    }

    [Fact]
    public void Special_ids_outside_the_vocabulary_are_refused()
    {
        var metadata = SyntheticModel.BuildMetadata(SyntheticShapes.Tiny, 1, Engine.Tensors.GgmlType.F32);
        metadata.Set("tokenizer.ggml.eos_token_id", GgufValue.UInt32(512));
        Assert.Contains("'tokenizer.ggml.eos_token_id' is 512, outside the vocabulary of 512 tokens",
            Assert.Throws<GgufFormatException>(() => Tokenizer.FromMetadata(metadata)).Message);
    }

    [Fact]
    public void Scores_of_the_wrong_length_are_refused()
    {
        var metadata = SyntheticModel.BuildMetadata(SyntheticShapes.Tiny, 1, Engine.Tensors.GgmlType.F32);
        metadata.Set("tokenizer.ggml.scores", GgufValue.Array(new float[10]));
        Assert.Contains("'tokenizer.ggml.scores' has 10 entries but there are 512 tokens",
            Assert.Throws<GgufFormatException>(() => Tokenizer.FromMetadata(metadata)).Message);
    }

    [Fact]
    public void Unknown_tokenizer_model_is_named()
    {
        var metadata = SyntheticModel.BuildMetadata(SyntheticShapes.Tiny, 1, Engine.Tensors.GgmlType.F32);
        metadata.Set("tokenizer.ggml.model", GgufValue.String("bert"));
        Assert.Contains("tokenizer model 'bert'", Assert.Throws<GgufFormatException>(() => Tokenizer.FromMetadata(metadata)).Message);
        metadata.Remove("tokenizer.ggml.model");
        Assert.Contains("missing required metadata key 'tokenizer.ggml.model'",
            Assert.Throws<GgufFormatException>(() => Tokenizer.FromMetadata(metadata)).Message);
    }

    [Fact]
    public void Long_text_round_trips_in_fewer_tokens_than_characters()
    {
        var text = string.Concat(Enumerable.Repeat("The little dog ran to the park and saw a big tree. ", 2000));
        var ids = Synthetic.Value.Encode(text, true);
        Assert.Equal(text, Synthetic.Value.Decode(ids));
        Assert.True(ids.Length < text.Length / 2);
    }
}
