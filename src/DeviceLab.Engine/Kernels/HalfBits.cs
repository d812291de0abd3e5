using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// IEEE binary16 ↔ binary32 in the kernels' hot loops. .NET exposes no F16C instruction, so vectors
/// convert with an integer bit trick (sign-extend, shift the exponent and mantissa into place, rescale by
/// 2^112), which is exact for every finite half including subnormals. Scalar halves (block scales) are read
/// through a <see cref="HalfTable"/>. Nothing here reads a static: every member is safe inside a loop.
/// </summary>
internal static unsafe class HalfBits
{
    /// <summary>2^112: moves a half exponent (bias 15) placed in a float (bias 127) to its value.</summary>
    private const float ExponentRebias = 5.192296858534828e33f;

    /// <summary>Keeps the sign (bit 31) and the 15 value bits shifted to 27..13; clears the sign copies at 30..28.</summary>
    private const int ValueMask = unchecked((int)0x8FFFFFFF);

    /// <summary>
    /// One half → float with the vectors' bit trick, no table: for the scalar tail of a vector loop, so the tail computes
    /// what its vector body would. Exact for every finite half; infinities and NaNs read as finite values (ADR 0031).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToSingle(ushort half) => BitConverter.Int32BitsToSingle(((short)half << 13) & ValueMask) * ExponentRebias;

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

    /// <summary>
    /// Converts <paramref name="n"/> floats to halves (ties to even), 16 at a time where every value of a vector is
    /// zero or a normal half; the rare vector holding a subnormal, an overflow or a NaN goes element by element.
    /// </summary>
    public static void FromSingle(float* source, ushort* destination, int n)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= n; i += 16)
            {
                var bits = Vector512.Load((uint*)(source + i));
                var magnitude = bits & Vector512.Create(0x7FFF_FFFFu);
                var normal = Vector512.LessThan(magnitude - Vector512.Create(0x3880_0000u), Vector512.Create(0x4780_0000u - 0x3880_0000u))
                             | Vector512.Equals(magnitude, Vector512<uint>.Zero);
                if (!normal.Equals(Vector512<uint>.AllBitsSet))
                {
                    for (var j = i; j < i + 16; j++) destination[j] = FromSingle(source[j]);
                    continue;
                }
                var rounded = magnitude + Vector512.Create(0xFFFu) + ((magnitude >> 13) & Vector512.Create(1u));
                var half = ((bits >> 16) & Vector512.Create(0x8000u)) | ((rounded - Vector512.Create(0x3800_0000u)) >> 13);
                half = Vector512.ConditionalSelect(Vector512.Equals(magnitude, Vector512<uint>.Zero), (bits >> 16) & Vector512.Create(0x8000u), half);
                Vector256.Narrow(half.GetLower(), half.GetUpper()).Store(destination + i);
            }
        }
        for (; i < n; i++) destination[i] = FromSingle(source[i]);
    }

    /// <summary>
    /// Rounds <paramref name="value"/> to the nearest half and back (ties to even): what a stored f16 scale holds.
    /// Where the result is a normal half, rounding away the 13 low mantissa bits in place gives that float
    /// directly; the rest goes through <see cref="Half"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float RoundToHalf(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        var magnitude = bits & 0x7FFF_FFFF;
        // 2^-14 ≤ |x| < 65520: the nearest half is normal (65520 and above round to infinity).
        if (magnitude - 0x3880_0000u < 0x477F_F000u - 0x3880_0000u)
        {
            var rounded = (magnitude + 0xFFF + ((magnitude >> 13) & 1)) & 0xFFFF_E000;
            return BitConverter.UInt32BitsToSingle((bits & 0x8000_0000) | rounded);
        }
        return (float)(Half)value;
    }

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
}
