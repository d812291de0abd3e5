namespace DeviceLab.Engine.Tensors;

/// <summary>
/// IEEE binary16 conversions. System.Half rounds float → half to nearest, ties to even, which is
/// what ggml's FP32→FP16 (F16C / the portable fallback) does, so scales stored here match its bytes.
/// </summary>
public static class HalfConversion
{
    /// <summary>The f16 bit pattern nearest to <paramref name="value"/> (ties to even).</summary>
    public static ushort ToHalfBits(float value) => BitConverter.HalfToUInt16Bits((Half)value);

    /// <summary>The float an f16 bit pattern stands for (exact).</summary>
    public static float FromHalfBits(ushort bits) => (float)BitConverter.UInt16BitsToHalf(bits);

    /// <summary>Converts floats to f16 little-endian bytes; <paramref name="destination"/> holds 2 bytes per value.</summary>
    public static void ToHalfBytes(ReadOnlySpan<float> source, Span<byte> destination)
    {
        var halves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(destination);
        if (halves.Length < source.Length)
            throw new ArgumentException($"destination holds {halves.Length} halves, need {source.Length}", nameof(destination));
        for (var i = 0; i < source.Length; i++) halves[i] = (Half)source[i];
    }

    /// <summary>Converts f16 little-endian bytes to floats.</summary>
    public static void FromHalfBytes(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var halves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(source);
        if (destination.Length < halves.Length)
            throw new ArgumentException($"destination holds {destination.Length} floats, need {halves.Length}", nameof(destination));
        for (var i = 0; i < halves.Length; i++) destination[i] = (float)halves[i];
    }
}
