using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Tensors;

/// <summary>Q4_0 blocks on vectors whose bytes are worked out by hand from the ggml reference rules.</summary>
public sealed class Q4_0CodecTests
{
    private static byte[] Quantize(float[] x)
    {
        var block = new byte[18];
        Q4_0Codec.QuantizeBlock(x, block);
        return block;
    }

    private static byte[] Block(ushort d, params byte[] nibbleBytes)
    {
        var block = new byte[18];
        BitConverter.GetBytes(d).CopyTo(block, 0);
        nibbleBytes.CopyTo(block, 2);
        return block;
    }

    [Fact]
    public void Negative_maximum_gives_positive_scale()
    {
        // max = −8: d = −8/−8 = 1 (0x3C00), inverse 1; nibble = min(15, trunc(x + 8.5)).
        var x = new float[32];
        x[0] = -8f;    // 0.5  → 0
        x[1] = 7f;     // 15.5 → 15
        x[2] = -0.5f;  // 8.0  → 8 (a tie at −0.5 goes up)
        x[3] = 0.5f;   // 9.0  → 9
        x[4] = 7.9f;   // 16.4 → 16 → clamped 15
        x[16] = -3f;   // 5.5 → 5 (high nibble of byte 0)
        x[17] = 2.2f;  // 10.7 → 10
        // elements 5..15 and 18..31 are 0 → nibble 8.
        var expected = Block(0x3C00, 0x50, 0xAF, 0x88, 0x89, 0x8F, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88);
        Assert.Equal(expected, Quantize(x));
    }

    [Fact]
    public void Positive_maximum_gives_negative_scale_and_the_far_end_clamps()
    {
        // max = 8: d = −1 (0xBC00), inverse −1.
        var x = new float[32];
        x[0] = 8f;    // −8 + 8.5 = 0.5 → 0 → value 8
        x[1] = -7f;   // 15.5 → 15 → value −7
        x[2] = -8f;   // 16.5 → 16 → 15: −8 cannot be represented with this sign
        var expected = Block(0xBC00, 0x80, 0x8F, 0x8F, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88);
        Assert.Equal(expected, Quantize(x));
        var y = new float[32];
        Q4_0Codec.DequantizeBlock(expected, y);
        Assert.Equal(8f, y[0]);
        Assert.Equal(-7f, y[1]);
        Assert.Equal(-7f, y[2]);
        Assert.Equal(0f, y[3]);
    }

    [Fact]
    public void First_element_wins_a_magnitude_tie()
    {
        var positiveFirst = new float[32];
        positiveFirst[0] = 4f;
        positiveFirst[1] = -4f;
        // max = 4: d = −0.5 (0xB800), inverse −2: 4 → 0.5 → 0; −4 → 16.5 → 15.
        Assert.Equal(Block(0xB800, 0x80, 0x8F, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88), Quantize(positiveFirst));

        var negativeFirst = new float[32];
        negativeFirst[0] = -4f;
        negativeFirst[1] = 4f;
        // max = −4: d = 0.5 (0x3800), inverse 2: −4 → 0.5 → 0; 4 → 16.5 → 15.
        Assert.Equal(Block(0x3800, 0x80, 0x8F, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88), Quantize(negativeFirst));
    }

    // d = 0/−8 is −0.0 in float32, so the stored f16 is 0x8000 (negative zero), as in ggml.
    [Fact]
    public void All_zero_block_stores_negative_zero_scale_and_nibble_eight() =>
        Assert.Equal(Block(0x8000, Enumerable.Repeat((byte)0x88, 16).ToArray()), Quantize(new float[32]));

    [Fact]
    public void Low_nibbles_hold_the_first_half_and_high_nibbles_the_second()
    {
        // max = −8 at element 31 (high nibble of byte 15); d = 1.
        var x = new float[32];
        for (var j = 0; j < 16; j++) x[j] = j - 8;        // nibble j
        for (var j = 16; j < 31; j++) x[j] = 7 - (j - 16); // nibble 15 − (j−16)
        x[31] = -8f;
        var block = Quantize(x);
        Assert.Equal(0x3C00, BitConverter.ToUInt16(block, 0));
        for (var j = 0; j < 15; j++) Assert.Equal((byte)(j | ((15 - j) << 4)), block[2 + j]);
        Assert.Equal((byte)(15 | (0 << 4)), block[17]);
    }

    [Fact]
    public void Round_trip_error_is_bounded_by_one_step()
    {
        var random = new Random(11);
        var x = Enumerable.Range(0, 32 * 8).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var bytes = new byte[18 * 8];
        Q4_0Codec.Instance.Quantize(x, bytes);
        var y = new float[x.Length];
        Q4_0Codec.Instance.Dequantize(bytes, y);
        for (var b = 0; b < 8; b++)
        {
            var d = Math.Abs(HalfConversion.FromHalfBits(BitConverter.ToUInt16(bytes, b * 18)));
            for (var j = 0; j < 32; j++) Assert.InRange(Math.Abs(x[b * 32 + j] - y[b * 32 + j]), 0, d + 1e-3f);
        }
    }

    [Fact]
    public void Codec_is_reachable_through_the_type_table()
    {
        Assert.Same(Q4_0Codec.Instance, GgmlType.Q4_0.Codec());
        Assert.Same(F16Codec.Instance, GgmlType.F16.Codec());
        Assert.Throws<NotSupportedException>(() => GgmlType.Q4_K.Codec());
    }
}
