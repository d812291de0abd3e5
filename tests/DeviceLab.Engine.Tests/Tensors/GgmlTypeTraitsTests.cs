using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Tensors;

public sealed class GgmlTypeTraitsTests
{
    [Theory]
    [InlineData(GgmlType.F32, 1, 4)]
    [InlineData(GgmlType.F16, 1, 2)]
    [InlineData(GgmlType.Q8_0, 32, 34)]
    [InlineData(GgmlType.Q4_0, 32, 18)]
    [InlineData(GgmlType.Q4_K, 256, 144)]
    [InlineData(GgmlType.BF16, 1, 2)]
    public void Block_layouts_match_ggml(GgmlType type, int elements, int bytes)
    {
        var traits = type.Traits();
        Assert.Equal(elements, traits.BlockElements);
        Assert.Equal(bytes, traits.BlockBytes);
    }

    [Fact]
    public void Row_bytes_of_the_smollm_embedding_rows()
    {
        Assert.Equal(576 * 4, GgmlType.F32.Traits().RowBytes(576));
        Assert.Equal(576 * 2, GgmlType.F16.Traits().RowBytes(576));
        Assert.Equal(18 * 34, GgmlType.Q8_0.Traits().RowBytes(576));
        Assert.Equal(18 * 18, GgmlType.Q4_0.Traits().RowBytes(576));
        Assert.Equal(18L * 18 * 49152, GgmlType.Q4_0.Traits().TensorBytes([576, 49152]));
    }

    [Fact]
    public void Quantized_rows_must_be_whole_blocks()
    {
        var error = Assert.Throws<ArgumentException>(() => GgmlType.Q8_0.Traits().RowBytes(33));
        Assert.Contains("multiple of 32", error.Message);
        Assert.False(GgmlType.Q4_0.Traits().FitsRow(48));
        Assert.True(GgmlType.F16.Traits().FitsRow(33));
    }

    [Fact]
    public void Names_parse_both_ways()
    {
        Assert.True(GgmlTypes.TryParse("Q4_0", out var t));
        Assert.Equal(GgmlType.Q4_0, t);
        Assert.False(GgmlTypes.TryParse("q3_0", out _));
        Assert.Equal("type 99", GgmlTypes.NameOf((GgmlType)99));
        Assert.False(GgmlTypes.TryGetTraits(99, out _));
    }
}
