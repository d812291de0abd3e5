using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// IEEE binary16 ↔ binary32 in the kernels' hot loops. .NET exposes no F16C instruction, so vectors
/// convert with an integer bit trick (sign-extend, shift the exponent and mantissa into place, rescale by
/// 2^112), which is exact for every finite half including subnormals. Scalar block scales come from a
/// 256 KiB table, the way ggml does without F16C.
/// </summary>
internal static unsafe class HalfBits
{
    /// <summary>(65536) float value of every half bit pattern.</summary>
    private static readonly float* Table = BuildTable();

    /// <summary>2^112: moves a half exponent (bias 15) placed in a float (bias 127) to its value.</summary>
    private const float ExponentRebias = 5.192296858534828e33f;

    /// <summary>Keeps the sign (bit 31) and the 15 value bits shifted to 27..13; clears the sign copies at 30..28.</summary>
    private const int ValueMask = unchecked((int)0x8FFFFFFF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToSingle(ushort half) => Table[half];

    /// <summary>The nearest half to <paramref name="value"/> (ties to even), as <see cref="Half"/> rounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort FromSingle(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        var sign = (bits >> 16) & 0x8000;
        var magnitude = bits & 0x7FFF_FFFF;
        // Normal halves (2^-14 ≤ |x| < 65520 rounds within range): round the 13 dropped bits to nearest even.
        if (magnitude - 0x3880_0000u < 0x4780_0000u - 0x3880_0000u)
        {
            var rounded = magnitude + 0xFFF + ((magnitude >> 13) & 1);
            return (ushort)(sign | ((rounded - 0x3800_0000) >> 13));
        }
        return BitConverter.HalfToUInt16Bits((Half)value);
    }

    /// <summary>Rounds <paramref name="value"/> to the nearest half and back: what a stored f16 scale holds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float RoundToHalf(float value) => ToSingle(FromSingle(value));

    /// <summary>16 halves (sign-extended to int32 lanes) → 16 floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ToSingle(Vector512<int> signExtended) =>
        ((signExtended << 13) & Vector512.Create(ValueMask)).AsSingle() * Vector512.Create(ExponentRebias);

    /// <summary>8 halves (sign-extended to int32 lanes) → 8 floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ToSingle(Vector256<int> signExtended) =>
        ((signExtended << 13) & Vector256.Create(ValueMask)).AsSingle() * Vector256.Create(ExponentRebias);

    /// <summary>4 halves (sign-extended to int32 lanes) → 4 floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ToSingle(Vector128<int> signExtended) =>
        ((signExtended << 13) & Vector128.Create(ValueMask)).AsSingle() * Vector128.Create(ExponentRebias);

    private static float* BuildTable()
    {
        var table = (float*)NativeMemory.AlignedAlloc(65536 * sizeof(float), 64);
        for (var i = 0; i < 65536; i++) table[i] = (float)BitConverter.UInt16BitsToHalf((ushort)i);
        return table;
    }
}
