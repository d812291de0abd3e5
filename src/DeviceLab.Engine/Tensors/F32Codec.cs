using System.Runtime.InteropServices;

namespace DeviceLab.Engine.Tensors;

/// <summary>F32 rows: a plain little-endian copy.</summary>
public sealed class F32Codec : IRowCodec
{
    public static F32Codec Instance { get; } = new();

    public GgmlType Type => GgmlType.F32;

    public void Quantize(ReadOnlySpan<float> source, Span<byte> destination) =>
        MemoryMarshal.AsBytes(source).CopyTo(destination);

    public void Dequantize(ReadOnlySpan<byte> source, Span<float> destination) =>
        MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
}
