namespace DeviceLab.Engine.Tensors;

/// <summary>
/// Converts rows between float32 and one storage type. These are the reference (scalar) paths:
/// quantization output is byte-identical to ggml's reference quantizers; faster kernels are held
/// against them in tests.
/// </summary>
public interface IRowCodec
{
    GgmlType Type { get; }

    /// <summary>Encodes <paramref name="source"/> (a whole number of blocks) into <paramref name="destination"/>.</summary>
    void Quantize(ReadOnlySpan<float> source, Span<byte> destination);

    /// <summary>Decodes <paramref name="source"/> (whole blocks) into <paramref name="destination"/>.</summary>
    void Dequantize(ReadOnlySpan<byte> source, Span<float> destination);
}

internal static class RowCodecChecks
{
    public static int Blocks(GgmlType type, int elements, int bytes, string what)
    {
        var traits = type.Traits();
        if (elements % traits.BlockElements != 0)
            throw new ArgumentException($"{traits.Name} needs a multiple of {traits.BlockElements} values, got {elements}", what);
        var blocks = elements / traits.BlockElements;
        if (bytes < blocks * traits.BlockBytes)
            throw new ArgumentException($"{blocks} {traits.Name} blocks need {blocks * traits.BlockBytes} bytes, got {bytes}", what);
        return blocks;
    }
}
