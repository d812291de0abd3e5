using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// Unsigned × signed int8 products summed in groups of four into int32 lanes, added to an accumulator:
/// the one instruction <c>vpdpbusd</c> with AVX-VNNI, or <c>vpmaddubsw</c> + <c>vpmaddwd</c> without it.
/// The quantized dot kernels are generic over this so the JIT compiles one specialised loop per choice.
/// Callers keep each pair of products within int16 (|u·s| ≤ 255·127 would saturate <c>vpmaddubsw</c>;
/// Q4_0 nibbles (≤ 15) and |Q8_0 values| (≤ 128) against |x| ≤ 127 stay far below it).
/// </summary>
internal interface IInt8Dot
{
    static abstract Vector256<int> Accumulate(Vector256<int> accumulator, Vector256<byte> unsigned, Vector256<sbyte> signed);
}

internal readonly struct VnniDot : IInt8Dot
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Accumulate(Vector256<int> accumulator, Vector256<byte> unsigned, Vector256<sbyte> signed) =>
        AvxVnni.MultiplyWideningAndAdd(accumulator, unsigned, signed);
}

internal readonly struct MaddDot : IInt8Dot
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Accumulate(Vector256<int> accumulator, Vector256<byte> unsigned, Vector256<sbyte> signed) =>
        Avx2.Add(accumulator, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(unsigned, signed), Vector256.Create((short)1)));
}
