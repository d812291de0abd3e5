namespace DeviceLab.Engine.Tensors;

/// <summary>F16 rows: IEEE binary16, rounded to nearest even.</summary>
public sealed class F16Codec : IRowCodec
{
    public static F16Codec Instance { get; } = new();

    public GgmlType Type => GgmlType.F16;

    public void Quantize(ReadOnlySpan<float> source, Span<byte> destination) =>
        HalfConversion.ToHalfBytes(source, destination);

    public void Dequantize(ReadOnlySpan<byte> source, Span<float> destination) =>
        HalfConversion.FromHalfBytes(source, destination);
}
