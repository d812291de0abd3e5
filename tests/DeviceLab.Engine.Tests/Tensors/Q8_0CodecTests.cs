using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Tensors;

/// <summary>Q8_0 blocks on vectors whose bytes are worked out by hand from the ggml reference rules.</summary>
public sealed class Q8_0CodecTests
{
    private static byte[] Quantize(float[] x)
    {
        var block = new byte[34];
        Q8_0Codec.QuantizeBlock(x, block);
        return block;
    }

    [Fact]
    public void Amax_127_gives_scale_one_and_rounds_ties_away_from_zero()
    {
        // d = 127/127 = 1 (f16 0x3C00), inverse 1: q = round-half-away(x).
        var x = new float[32];
        float[] head = [127f, 0.5f, -0.5f, 1.5f, 2.5f, -2.5f, 0.49f, -126.5f, 3.4999f, -0f];
        head.CopyTo(x, 0);
        var expected = new byte[34];
        expected[0] = 0x00;
        expected[1] = 0x3C;
        sbyte[] q = [127, 1, -1, 2, 3, -3, 0, -127, 3, 0];
        for (var i = 0; i < q.Length; i++) expected[2 + i] = (byte)q[i];
        Assert.Equal(expected, Quantize(x));
    }

    [Fact]
    public void All_zero_block_has_zero_scale_and_zero_quants() => Assert.Equal(new byte[34], Quantize(new float[32]));

    [Fact]
    public void Negative_maximum_sets_the_scale_from_its_magnitude()
    {
        // amax = 63.5 (from −63.5): d = 0.5 (f16 0x3800), inverse 2.
        var x = new float[32];
        x[0] = 0.25f;   // 0.5 → 1
        x[1] = -0.75f;  // −1.5 → −2
        x[2] = -63.5f;  // −127
        x[31] = 10.2f;  // 20.4 → 20
        var expected = new byte[34];
        expected[1] = 0x38;
        expected[2] = 1;
        expected[3] = unchecked((byte)-2);
        expected[4] = unchecked((byte)-127);
        expected[33] = 20;
        Assert.Equal(expected, Quantize(x));
    }

    [Fact]
    public void Scale_is_stored_as_f16_rounded_to_nearest_even_while_quants_use_the_float32_inverse()
    {
        // amax = 1: d = 1/127 = 0.007874016f; f16 nearest is 0x2008 (0.0078735…).
        var x = new float[32];
        x[0] = 1f;
        x[1] = 0.5f; // 0.5·127.00001 = 63.500004 → 64 with the float32 inverse (exactly 63.5 would also give 64)
        var block = Quantize(x);
        Assert.Equal(HalfConversion.ToHalfBits(1f / 127f), BitConverter.ToUInt16(block, 0));
        Assert.Equal(0x2008, BitConverter.ToUInt16(block, 0));
        Assert.Equal(127, (sbyte)block[2]);
        Assert.Equal(64, (sbyte)block[3]);
    }

    [Fact]
    public void Dequantize_multiplies_quants_by_the_f16_scale()
    {
        var block = new byte[34];
        block[1] = 0x38; // d = 0.5
        block[2] = 3;
        block[3] = unchecked((byte)-128);
        var y = new float[32];
        Q8_0Codec.DequantizeBlock(block, y);
        Assert.Equal(1.5f, y[0]);
        Assert.Equal(-64f, y[1]);
        Assert.Equal(0f, y[2]);
    }

    [Fact]
    public void Round_trip_error_is_at_most_half_a_step_per_block()
    {
        var random = new Random(7);
        var x = Enumerable.Range(0, 32 * 8).Select(_ => (float)(random.NextDouble() * 2 - 1) * 3f).ToArray();
        var bytes = new byte[34 * 8];
        Q8_0Codec.Instance.Quantize(x, bytes);
        var y = new float[x.Length];
        Q8_0Codec.Instance.Dequantize(bytes, y);
        for (var b = 0; b < 8; b++)
        {
            var d = HalfConversion.FromHalfBits(BitConverter.ToUInt16(bytes, b * 34));
            for (var j = 0; j < 32; j++) Assert.InRange(Math.Abs(x[b * 32 + j] - y[b * 32 + j]), 0, d * 0.5f + 1e-3f);
        }
    }

    [Fact]
    public void Rows_must_be_whole_blocks() =>
        Assert.Throws<ArgumentException>(() => Q8_0Codec.Instance.Quantize(new float[33], new byte[68]));
}
