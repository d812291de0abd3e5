using System.Buffers.Binary;

namespace DeviceLab.Engine.Tensors;

/// <summary>
/// Q8_0: blocks of 32 values in 34 bytes — an f16 scale d, then 32 int8 q with value = q·d.
/// d = amax/127 in float32; q = round-half-away-from-zero(x · (1/d)), the inverse taken from the
/// float32 d (0 when d is 0); d is stored as f16 rounded to nearest even. Same bytes as ggml's
/// <c>quantize_row_q8_0_ref</c>.
/// </summary>
public sealed class Q8_0Codec : IRowCodec
{
    public const int BlockElements = 32;
    public const int BlockBytes = 34;

    public static Q8_0Codec Instance { get; } = new();

    public GgmlType Type => GgmlType.Q8_0;

    public void Quantize(ReadOnlySpan<float> source, Span<byte> destination)
    {
        var blocks = RowCodecChecks.Blocks(GgmlType.Q8_0, source.Length, destination.Length, nameof(destination));
        for (var b = 0; b < blocks; b++)
            QuantizeBlock(source.Slice(b * BlockElements, BlockElements), destination.Slice(b * BlockBytes, BlockBytes));
    }

    public void Dequantize(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var blocks = RowCodecChecks.Blocks(GgmlType.Q8_0, destination.Length, source.Length, nameof(source));
        for (var b = 0; b < blocks; b++)
            DequantizeBlock(source.Slice(b * BlockBytes, BlockBytes), destination.Slice(b * BlockElements, BlockElements));
    }

    /// <summary>Quantizes 32 values into one 34-byte block.</summary>
    public static void QuantizeBlock(ReadOnlySpan<float> x, Span<byte> block)
    {
        var amax = 0f;
        for (var j = 0; j < BlockElements; j++) amax = MathF.Max(amax, MathF.Abs(x[j]));
        var d = amax / 127f;
        var inverse = d != 0 ? 1f / d : 0f;
        BinaryPrimitives.WriteUInt16LittleEndian(block, HalfConversion.ToHalfBits(d));
        for (var j = 0; j < BlockElements; j++)
            block[2 + j] = (byte)(sbyte)MathF.Round(x[j] * inverse, MidpointRounding.AwayFromZero);
    }

    /// <summary>Decodes one 34-byte block into 32 values.</summary>
    public static void DequantizeBlock(ReadOnlySpan<byte> block, Span<float> y)
    {
        var d = HalfConversion.FromHalfBits(BinaryPrimitives.ReadUInt16LittleEndian(block));
        for (var j = 0; j < BlockElements; j++) y[j] = (sbyte)block[2 + j] * d;
    }
}
