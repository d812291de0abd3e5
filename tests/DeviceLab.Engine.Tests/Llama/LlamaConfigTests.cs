using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Llama;

public sealed class LlamaConfigTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private LlamaConfig Load(LlamaFileBuilder builder)
    {
        using var file = GgufFile.Open(builder.Write(_folder));
        return LlamaConfig.FromGguf(file);
    }

    private string Fails(LlamaFileBuilder builder) =>
        Assert.Throws<GgufFormatException>(() => Load(builder)).Message;

    [Fact]
    public void Reads_hyperparameters_and_applies_defaults()
    {
        var config = Load(new LlamaFileBuilder());
        Assert.Equal(128, config.ContextLength);
        Assert.Equal(64, config.EmbeddingLength);
        Assert.Equal(2, config.BlockCount);
        Assert.Equal(96, config.FeedForwardLength);
        Assert.Equal(4, config.HeadCount);
        Assert.Equal(2, config.HeadCountKv);
        Assert.Equal(16, config.HeadDimension);
        Assert.Equal(32, config.KvDimension);
        Assert.Equal(2, config.GroupSize);
        Assert.Equal(16, config.RopeDimensionCount);
        Assert.Equal(10000f, config.RopeFreqBase);
        Assert.Equal(1e-5f, config.RmsNormEpsilon);
        Assert.Equal(300, config.VocabSize);
        Assert.False(config.TiedOutput);
    }

    [Fact]
    public void Head_count_kv_defaults_to_head_count()
    {
        var builder = new LlamaFileBuilder();
        builder.Metadata.Remove("llama.attention.head_count_kv");
        for (var b = 0; b < LlamaFileBuilder.Blocks; b++)
        {
            builder.Replace(LlamaTensorNames.AttentionKey(b), GgmlType.F32, 64, 64);
            builder.Replace(LlamaTensorNames.AttentionValue(b), GgmlType.F32, 64, 64);
        }
        Assert.Equal(4, Load(builder).HeadCountKv);
    }

    [Fact]
    public void Missing_output_means_tied_to_the_embedding() => Assert.True(Load(new LlamaFileBuilder(tied: true)).TiedOutput);

    [Theory]
    [InlineData("llama.attention.layer_norm_rms_epsilon")]
    [InlineData("llama.embedding_length")]
    [InlineData("llama.block_count")]
    [InlineData("llama.context_length")]
    [InlineData("general.architecture")]
    public void Missing_required_key_is_named(string key)
    {
        var builder = new LlamaFileBuilder();
        builder.Metadata.Remove(key);
        Assert.Contains($"missing required metadata key '{key}'", Fails(builder));
    }

    [Fact]
    public void Other_architectures_are_refused()
    {
        var builder = new LlamaFileBuilder();
        builder.Metadata.Set("general.architecture", GgufValue.String("gpt2"));
        Assert.Contains("is \"gpt2\"; this engine runs \"llama\" models", Fails(builder));
    }

    [Fact]
    public void Vocab_size_disagreeing_with_the_embedding_names_both_numbers()
    {
        var builder = new LlamaFileBuilder();
        builder.Metadata.Set("tokenizer.ggml.tokens", GgufValue.Array(Enumerable.Range(0, 299).Select(i => $"t{i}").ToArray()));
        var message = Fails(builder);
        Assert.Contains("vocabulary size 299", message);
        Assert.Contains("has 300 rows", message);
    }

    [Fact]
    public void Heads_must_divide_the_embedding()
    {
        var builder = new LlamaFileBuilder();
        builder.Metadata.Set("llama.attention.head_count", GgufValue.UInt32(5));
        Assert.Contains("embedding length 64 is not divisible by the head count 5", Fails(builder));
    }

    [Fact]
    public void Kv_heads_must_divide_the_heads()
    {
        var builder = new LlamaFileBuilder();
        builder.Metadata.Set("llama.attention.head_count_kv", GgufValue.UInt32(3));
        Assert.Contains("head count 4 is not divisible by the key/value head count 3", Fails(builder));
    }

    [Fact]
    public void Misshapen_tensor_is_named_with_both_shapes()
    {
        var builder = new LlamaFileBuilder();
        builder.Replace("blk.1.ffn_down.weight", GgmlType.F32, 64, 96);
        Assert.Contains("tensor 'blk.1.ffn_down.weight' has shape [64, 96], expected [96, 64]", Fails(builder));
    }

    [Fact]
    public void Missing_tensor_is_named()
    {
        var builder = new LlamaFileBuilder();
        builder.Tensors.RemoveAll(t => t.Name == "blk.0.attn_v.weight");
        Assert.Contains("missing tensor 'blk.0.attn_v.weight'", Fails(builder));
    }

    [Fact]
    public void Zero_hyperparameter_is_refused()
    {
        var builder = new LlamaFileBuilder();
        builder.Metadata.Set("llama.block_count", GgufValue.UInt32(0));
        Assert.Contains("'llama.block_count' is 0", Fails(builder));
    }

    [Fact]
    public void Types_the_engine_cannot_compute_are_named()
    {
        var builder = new LlamaFileBuilder();
        builder.Replace("blk.0.attn_q.weight", GgmlType.Q4_1, 64, 64);
        Assert.Contains("tensor 'blk.0.attn_q.weight' has type q4_1, which this engine cannot compute with", Fails(builder));
    }

    [Fact]
    public void Norms_must_be_f32()
    {
        var builder = new LlamaFileBuilder();
        builder.Replace("output_norm.weight", GgmlType.F16, 64);
        Assert.Contains("norm tensor 'output_norm.weight' has type f16", Fails(builder));
    }

    [Fact]
    public void Tensor_names_follow_the_gguf_convention()
    {
        Assert.Equal("blk.29.ffn_down.weight", LlamaTensorNames.FeedForwardDown(29));
        Assert.True(LlamaTensorNames.IsNorm("blk.3.attn_norm.weight"));
        Assert.True(LlamaTensorNames.IsNorm("output_norm.weight"));
        Assert.False(LlamaTensorNames.IsNorm("blk.3.attn_q.weight"));
    }
}
