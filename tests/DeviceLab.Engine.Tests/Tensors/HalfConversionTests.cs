using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Tensors;

public sealed class HalfConversionTests
{
    [Theory]
    [InlineData(1.0f, 0x3C00)]
    [InlineData(-2.0f, 0xC000)]
    [InlineData(0.0f, 0x0000)]
    [InlineData(-0.0f, 0x8000)]
    [InlineData(65504f, 0x7BFF)]          // largest finite half
    [InlineData(65520f, 0x7C00)]          // halfway to 65536 rounds to even: infinity
    [InlineData(1.00048828125f, 0x3C00)]  // 1 + 2^-11: tie between 0x3C00 and 0x3C01, even wins
    [InlineData(1.00146484375f, 0x3C02)]  // 1 + 3·2^-11: tie between 0x3C01 and 0x3C02, even wins
    [InlineData(5.9604645e-8f, 0x0001)]   // smallest subnormal
    [InlineData(2.9802322e-8f, 0x0000)]   // half of it: tie to even (zero)
    public void Float_to_half_rounds_to_nearest_even(float value, int bits) =>
        Assert.Equal((ushort)bits, HalfConversion.ToHalfBits(value));

    [Fact]
    public void Every_half_converts_back_exactly()
    {
        for (var bits = 0; bits <= 0xFFFF; bits++)
        {
            var f = HalfConversion.FromHalfBits((ushort)bits);
            if (float.IsNaN(f)) continue;
            Assert.Equal((ushort)bits, HalfConversion.ToHalfBits(f));
        }
    }

    [Fact]
    public void Bulk_conversion_matches_scalar()
    {
        float[] values = [0.1f, -3.3f, 1e-6f, 70000f];
        var bytes = new byte[8];
        HalfConversion.ToHalfBytes(values, bytes);
        var back = new float[4];
        HalfConversion.FromHalfBytes(bytes, back);
        for (var i = 0; i < 4; i++) Assert.Equal(HalfConversion.FromHalfBits(HalfConversion.ToHalfBits(values[i])), back[i]);
        Assert.True(float.IsPositiveInfinity(back[3]));
    }
}
