using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// Two consecutive Q4_0 blocks' 64 nibbles in element order (block 0's low then high nibbles, then block 1's), from
/// the blocks at <c>w</c>. The AVX-512 Q4_0 kernels are generic over this and choose once per call, so the inner loop
/// holds no instruction-set check: a NativeAOT build whose target leaves GFNI optional would otherwise test the CPU
/// flags on every iteration.
/// </summary>
internal unsafe interface INibbleSplit
{
    static abstract Vector512<byte> Pair(byte* w);
}

/// <summary>One GFNI affine transform per byte: the low nibble in 128-bit lanes 0 and 2, the high nibble in lanes 1 and 3.</summary>
internal readonly unsafe struct GfniSplit : INibbleSplit
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> Pair(byte* w)
    {
        // The bit matrix applies per 64-bit lane: Low keeps bits 0..3, High moves bits 4..7 down.
        const ulong Low = 0x01_02_04_08_00_00_00_00, High = 0x10_20_40_80_00_00_00_00;
        return Gfni.V512.GaloisFieldAffineTransform(
            DotQ4_0.PackedPair(w), Vector512.Create(Low, Low, High, High, Low, Low, High, High).AsByte(), 0);
    }
}

/// <summary>Without GFNI: a variable shift right by 0 or 4 per 32-bit lane, then a mask.</summary>
internal readonly unsafe struct ShiftSplit : INibbleSplit
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> Pair(byte* w)
    {
        var shifts = Vector512.Create(0u, 0, 0, 0, 4, 4, 4, 4, 0, 0, 0, 0, 4, 4, 4, 4);
        return Avx512F.ShiftRightLogicalVariable(DotQ4_0.PackedPair(w).AsUInt32(), shifts).AsByte() & Vector512.Create((byte)0x0F);
    }
}
