using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Synthesis;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Synthesis;

public sealed class SyntheticModelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Synth(string name, ulong seed = 42, GgmlType? type = null, SyntheticShape? shape = null)
    {
        var path = _folder.File(name);
        SyntheticModel.Write(path, shape ?? SyntheticShapes.Tiny, seed, type);
        return path;
    }

    private static string Sha(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Tiny_model_is_a_valid_llama_file()
    {
        using var file = GgufFile.Open(Synth("tiny.gguf"));
        var config = LlamaConfig.FromGguf(file);
        Assert.Equal(64, config.EmbeddingLength);
        Assert.Equal(2, config.BlockCount);
        Assert.Equal(4, config.HeadCount);
        Assert.Equal(2, config.HeadCountKv);
        Assert.Equal(192, config.FeedForwardLength);
        Assert.Equal(512, config.VocabSize);
        Assert.Equal(16, config.RopeDimensionCount);
        Assert.False(config.TiedOutput);
        Assert.Equal("llama", file.Metadata.GetString("tokenizer.ggml.model"));
        Assert.Equal(0u, file.Metadata.GetUInt32("general.file_type"));
        Assert.Equal(1u, file.Metadata.GetUInt32("tokenizer.ggml.bos_token_id"));
        Assert.Equal(2u, file.Metadata.GetUInt32("tokenizer.ggml.eos_token_id"));
        Assert.Equal(0u, file.Metadata.GetUInt32("tokenizer.ggml.unknown_token_id"));
        Assert.Equal(SyntheticShapes.Tiny.ParameterCount, file.Tensors.Sum(t => t.ElementCount));
    }

    [Fact]
    public void Tied_shape_has_no_output_tensor()
    {
        using var file = GgufFile.Open(Synth("tied.gguf", shape: SyntheticShapes.TinyTied));
        Assert.True(LlamaConfig.FromGguf(file).TiedOutput);
        Assert.False(file.TryGetTensor("output.weight", out _));
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        Assert.Equal(Sha(Synth("a.gguf", 7)), Sha(Synth("b.gguf", 7)));
        using var a = GgufFile.Open(_folder.File("a.gguf"));
        using var c = GgufFile.Open(Synth("c.gguf", 8));
        var name = "blk.1.ffn_up.weight";
        Assert.False(a.GetTensorBytes(a.GetTensor(name)).SequenceEqual(c.GetTensorBytes(c.GetTensor(name))));
    }

    [Fact]
    public void F16_file_holds_the_f32_values_rounded_and_norms_stay_f32()
    {
        using var f32 = GgufFile.Open(Synth("f32.gguf", 3, GgmlType.F32));
        using var f16 = GgufFile.Open(Synth("f16.gguf", 3, GgmlType.F16));
        Assert.Equal(1u, f16.Metadata.GetUInt32("general.file_type"));
        foreach (var tensor in f32.Tensors)
        {
            var other = f16.GetTensor(tensor.Name);
            var exact = MemoryMarshal.Cast<byte, float>(f32.GetTensorBytes(tensor));
            if (LlamaTensorNames.IsNorm(tensor.Name))
            {
                Assert.Equal(GgmlType.F32, other.Type);
                Assert.All(exact.ToArray(), v => Assert.Equal(1f, v));
                continue;
            }
            Assert.Equal(GgmlType.F16, other.Type);
            var halves = MemoryMarshal.Cast<byte, Half>(f16.GetTensorBytes(other));
            for (var i = 0; i < exact.Length; i++) Assert.Equal((Half)exact[i], halves[i]);
        }
    }

    [Fact]
    public void Weights_are_normal_with_sigma_0_02()
    {
        using var file = GgufFile.Open(Synth("stats.gguf"));
        var values = MemoryMarshal.Cast<byte, float>(file.GetTensorBytes(file.GetTensor("token_embd.weight"))).ToArray();
        var mean = values.Average(v => (double)v);
        var sd = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.0005, 0.0005);
        Assert.InRange(sd, 0.0196, 0.0204);
        // About 68 % within one sigma, 95 % within two: the shape is normal, not uniform.
        Assert.InRange(values.Count(v => Math.Abs(v) < 0.02) / (double)values.Length, 0.67, 0.69);
        Assert.InRange(values.Count(v => Math.Abs(v) < 0.04) / (double)values.Length, 0.945, 0.955);
    }

    [Fact]
    public void Generated_values_can_be_reproduced_without_the_file()
    {
        using var file = GgufFile.Open(Synth("repro.gguf", 5));
        var tensor = file.GetTensor("blk.0.attn_k.weight");
        var expected = new float[tensor.ElementCount];
        SyntheticModel.GenerateWeights(tensor.Name, 5, 0, expected);
        Assert.Equal(expected, MemoryMarshal.Cast<byte, float>(file.GetTensorBytes(tensor)).ToArray());
    }

    [Fact]
    public void Smollm_shape_is_exactly_the_engine_targets_shape()
    {
        var s = SyntheticShapes.ByName("smollm-135m");
        Assert.Equal((576, 30, 9, 3, 1536, 49152, 2048, false),
            (s.EmbeddingLength, s.BlockCount, s.HeadCount, s.HeadCountKv, s.FeedForwardLength, s.VocabSize, s.ContextLength, s.TiedOutput));
        Assert.Equal(162_826_560, s.ParameterCount);
        Assert.Equal(GgmlType.F16, s.DefaultWeightType);
    }

    [Fact]
    public void Qwen_shape_is_about_half_a_billion_parameters()
    {
        var s = SyntheticShapes.ByName("QWEN-0.5B");
        Assert.InRange(s.ParameterCount, 480_000_000, 500_000_000);
        Assert.True(s.TiedOutput);
    }

    [Fact]
    public void Unknown_shape_lists_the_known_ones() =>
        Assert.Contains("known: tiny, tiny-tied, smollm-135m, qwen-0.5b",
            Assert.Throws<ArgumentException>(() => SyntheticShapes.ByName("llama-70b")).Message);

    [Fact]
    public void Quantized_weight_type_is_refused() =>
        Assert.Throws<ArgumentException>(() => SyntheticModel.Write(_folder.File("q.gguf"), SyntheticShapes.Tiny, 1, GgmlType.Q8_0));
}
