using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Quantization;
using DeviceLab.Engine.Synthesis;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Quantization;

public sealed class VariantBuilderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public VariantBuilderTests()
    {
        SyntheticModel.Write(_folder.File("f32.gguf"), SyntheticShapes.Tiny, 9, GgmlType.F32);
        SyntheticModel.Write(_folder.File("f16.gguf"), SyntheticShapes.Tiny, 9, GgmlType.F16);
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("f32.gguf", GgmlType.Q8_0, 7u)]
    [InlineData("f16.gguf", GgmlType.Q8_0, 7u)]
    [InlineData("f32.gguf", GgmlType.Q4_0, 2u)]
    [InlineData("f16.gguf", GgmlType.Q4_0, 2u)]
    public void Every_matrix_is_the_reference_quantization_of_its_source(string sourceName, GgmlType type, uint fileType)
    {
        var output = _folder.File("variant.gguf");
        VariantBuilder.Build(_folder.File(sourceName), output, new VariantOptions(type));

        using var source = GgufFile.Open(_folder.File(sourceName));
        using var variant = GgufFile.Open(output);
        Assert.Equal(fileType, variant.Metadata.GetUInt32("general.file_type"));
        Assert.Equal(2u, variant.Metadata.GetUInt32("general.quantization_version"));
        Assert.False(variant.Metadata.ContainsKey(VariantPlan.SkippedKey));
        Assert.NotNull(LlamaConfig.FromGguf(variant));
        foreach (var tensor in source.Tensors)
        {
            var converted = variant.GetTensor(tensor.Name);
            Assert.Equal(tensor.Dimensions, converted.Dimensions);
            if (LlamaTensorNames.IsNorm(tensor.Name))
            {
                Assert.Equal(GgmlType.F32, converted.Type);
                continue;
            }
            Assert.Equal(type, converted.Type);
            var values = new float[tensor.ElementCount];
            tensor.Type.Codec().Dequantize(source.GetTensorBytes(tensor), values);
            var expected = new byte[converted.ByteSize];
            type.Codec().Quantize(values, expected);
            Assert.True(expected.AsSpan().SequenceEqual(variant.GetTensorBytes(converted)), tensor.Name);
        }
    }

    [Fact]
    public void Embedding_and_output_types_are_configurable()
    {
        var output = _folder.File("mixed.gguf");
        VariantBuilder.Build(_folder.File("f32.gguf"), output,
            new VariantOptions(GgmlType.Q4_0) { EmbeddingType = GgmlType.F16, OutputType = GgmlType.Q8_0 });
        using var variant = GgufFile.Open(output);
        Assert.Equal(GgmlType.F16, variant.GetTensor("token_embd.weight").Type);
        Assert.Equal(GgmlType.Q8_0, variant.GetTensor("output.weight").Type);
        Assert.Equal(GgmlType.Q4_0, variant.GetTensor("blk.0.ffn_down.weight").Type);
        Assert.Equal(2u, variant.Metadata.GetUInt32("general.file_type"));
    }

    [Fact]
    public void Rows_that_are_not_whole_blocks_stay_float_and_the_file_says_why()
    {
        var source = _folder.File("odd.gguf");
        var odd = Enumerable.Range(0, 48 * 4).SelectMany(i => BitConverter.GetBytes(i * 0.01f)).ToArray();
        GgufWriter.Write(source, new GgufMetadata(),
        [
            (new GgufTensorSpec("blk.0.odd.weight", GgmlType.F32, [48, 4]), odd),
            (new GgufTensorSpec("blk.0.even.weight", GgmlType.F32, [64, 2]), new byte[64 * 2 * 4]),
        ]);
        var output = _folder.File("odd-q8.gguf");
        var report = VariantBuilder.Build(source, output, new VariantOptions(GgmlType.Q8_0));

        using var variant = GgufFile.Open(output);
        Assert.Equal(GgmlType.F32, variant.GetTensor("blk.0.odd.weight").Type);
        Assert.Equal(odd, variant.GetTensorBytes(variant.GetTensor("blk.0.odd.weight")).ToArray());
        Assert.Equal(GgmlType.Q8_0, variant.GetTensor("blk.0.even.weight").Type);
        var skipped = Assert.Single(variant.Metadata.GetStringArray(VariantPlan.SkippedKey));
        Assert.Equal("blk.0.odd.weight: rows of 48 elements are not a multiple of the q8_0 block size 32; kept f32", skipped);
        Assert.Equal([skipped], report.Skipped);
    }

    [Fact]
    public void Progress_is_reported_per_tensor_up_to_the_total()
    {
        var reports = new List<GgufWriteProgress>();
        VariantBuilder.Build(_folder.File("f16.gguf"), _folder.File("p.gguf"), new VariantOptions(GgmlType.Q8_0) { Progress = reports.Add });
        using var source = GgufFile.Open(_folder.File("f16.gguf"));
        Assert.Equal(source.Tensors.Count, reports.Count);
        Assert.Equal(reports[^1].TotalBytes, reports[^1].BytesDone);
        Assert.Equal(Enumerable.Range(1, reports.Count), reports.Select(r => r.TensorsDone));
    }

    [Fact]
    public void Already_quantized_sources_are_refused()
    {
        VariantBuilder.Build(_folder.File("f32.gguf"), _folder.File("q8.gguf"), new VariantOptions(GgmlType.Q8_0));
        var error = Assert.Throws<GgufFormatException>(() =>
            VariantBuilder.Build(_folder.File("q8.gguf"), _folder.File("q4.gguf"), new VariantOptions(GgmlType.Q4_0)));
        Assert.Contains("tensor 'token_embd.weight' is already q8_0; build variants from an f32 or f16 file", error.Message);
        Assert.False(File.Exists(_folder.File("q4.gguf")));
        Assert.False(File.Exists(_folder.File("q4.gguf.partial")));
    }

    [Fact]
    public void A_variant_cannot_overwrite_its_source() =>
        Assert.Throws<ArgumentException>(() =>
            VariantBuilder.Build(_folder.File("f32.gguf"), _folder.File("f32.gguf"), new VariantOptions(GgmlType.Q8_0)));

    [Fact]
    public void Unsupported_target_type_is_refused() =>
        Assert.Contains("cannot build a q4_k variant",
            Assert.Throws<ArgumentException>(() =>
                VariantBuilder.Build(_folder.File("f32.gguf"), _folder.File("k.gguf"), new VariantOptions(GgmlType.Q4_K))).Message);

    [Fact]
    public void F16_variant_of_an_f32_file_drops_the_quantization_version()
    {
        VariantBuilder.Build(_folder.File("f32.gguf"), _folder.File("h.gguf"), new VariantOptions(GgmlType.F16));
        using var variant = GgufFile.Open(_folder.File("h.gguf"));
        Assert.Equal(1u, variant.Metadata.GetUInt32("general.file_type"));
        Assert.False(variant.Metadata.ContainsKey("general.quantization_version"));
        Assert.Equal(GgmlType.F16, variant.GetTensor("blk.1.attn_q.weight").Type);
        Assert.Equal(GgmlType.F32, variant.GetTensor("blk.1.attn_norm.weight").Type);
    }
}
