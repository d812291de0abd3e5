using DeviceLab.Engine.Synthesis;

namespace DeviceLab.Engine.Tests.Synthesis;

public sealed class SyntheticVocabularyTests
{
    [Theory]
    [InlineData(259)]
    [InlineData(512)]
    [InlineData(49152)]
    [InlineData(151936)]
    public void Vocabulary_has_exactly_the_size_and_unique_tokens(int size)
    {
        var v = SyntheticVocabulary.Build(size);
        Assert.Equal(size, v.Tokens.Length);
        Assert.Equal(size, v.Scores.Length);
        Assert.Equal(size, v.TokenTypes.Length);
        Assert.Equal(size, v.Tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Starts_with_control_tokens_then_the_256_byte_tokens()
    {
        var v = SyntheticVocabulary.Build(600);
        Assert.Equal(["<unk>", "<s>", "</s>"], v.Tokens[..3]);
        Assert.Equal([2, 3, 3], v.TokenTypes[..3]);
        for (var b = 0; b < 256; b++)
        {
            Assert.Equal($"<0x{b:X2}>", v.Tokens[3 + b]);
            Assert.Equal(6, v.TokenTypes[3 + b]);
        }
        Assert.Equal("<0x0A>", v.Tokens[3 + 10]);
        Assert.All(v.TokenTypes[259..], t => Assert.Equal(1, t));
    }

    [Fact]
    public void Every_multi_character_piece_can_be_reached_by_merging_two_shorter_pieces()
    {
        var v = SyntheticVocabulary.Build(49152);
        var set = new HashSet<string>(v.Tokens[259..], StringComparer.Ordinal);
        foreach (var piece in v.Tokens[259..].Where(p => p.Length > 1))
            Assert.Contains(piece[..^1], set);
    }

    [Fact]
    public void Scores_fall_with_rank()
    {
        var v = SyntheticVocabulary.Build(2000);
        for (var i = 260; i < 2000; i++) Assert.True(v.Scores[i] < v.Scores[i - 1]);
        Assert.Contains("▁the", v.Tokens);
    }

    [Fact]
    public void Too_small_a_vocabulary_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticVocabulary.Build(100));
}
