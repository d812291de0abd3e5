using System.Buffers.Binary;

namespace DeviceLab.Engine.Tensors;

/// <summary>
/// Q4_0: blocks of 32 values in 18 bytes — an f16 scale d, then 16 bytes of nibbles. Element j
/// (0..15) is the low nibble of byte j, element j+16 its high nibble; value = (nibble − 8)·d.
/// max = the element of largest magnitude with its sign (first wins ties); d = max/−8 in float32;
/// nibble = min(15, truncate(x·(1/d) + 8.5)). Same bytes as ggml's <c>quantize_row_q4_0_ref</c>.
/// </summary>
public sealed class Q4_0Codec : IRowCodec
{
    public const int BlockElements = 32;
    public const int BlockBytes = 18;

    public static Q4_0Codec Instance { get; } = new();

    public GgmlType Type => GgmlType.Q4_0;

    public void Quantize(ReadOnlySpan<float> source, Span<byte> destination)
    {
        var blocks = RowCodecChecks.Blocks(GgmlType.Q4_0, source.Length, destination.Length, nameof(destination));
        for (var b = 0; b < blocks; b++)
            QuantizeBlock(source.Slice(b * BlockElements, BlockElements), destination.Slice(b * BlockBytes, BlockBytes));
    }

    public void Dequantize(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var blocks = RowCodecChecks.Blocks(GgmlType.Q4_0, destination.Length, source.Length, nameof(source));
        for (var b = 0; b < blocks; b++)
            DequantizeBlock(source.Slice(b * BlockBytes, BlockBytes), destination.Slice(b * BlockElements, BlockElements));
    }

    /// <summary>Quantizes 32 values into one 18-byte block.</summary>
    public static void QuantizeBlock(ReadOnlySpan<float> x, Span<byte> block)
    {
        var amax = 0f;
        var max = 0f;
        for (var j = 0; j < BlockElements; j++)
        {
            // Strictly greater: the first element of the largest magnitude wins a tie.
            if (amax < MathF.Abs(x[j]))
            {
                amax = MathF.Abs(x[j]);
                max = x[j];
            }
        }
        var d = max / -8f;
        var inverse = d != 0 ? 1f / d : 0f;
        BinaryPrimitives.WriteUInt16LittleEndian(block, HalfConversion.ToHalfBits(d));
        for (var j = 0; j < BlockElements / 2; j++)
        {
            var low = Math.Min(15, (int)(x[j] * inverse + 8.5f));
            var high = Math.Min(15, (int)(x[j + 16] * inverse + 8.5f));
            block[2 + j] = (byte)(low | (high << 4));
        }
    }

    /// <summary>Decodes one 18-byte block into 32 values.</summary>
    public static void DequantizeBlock(ReadOnlySpan<byte> block, Span<float> y)
    {
        var d = HalfConversion.FromHalfBits(BinaryPrimitives.ReadUInt16LittleEndian(block));
        for (var j = 0; j < BlockElements / 2; j++)
        {
            var packed = block[2 + j];
            y[j] = ((packed & 0x0F) - 8) * d;
            y[j + 16] = ((packed >> 4) - 8) * d;
        }
    }
}
