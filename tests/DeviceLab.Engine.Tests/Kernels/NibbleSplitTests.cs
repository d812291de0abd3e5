using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DeviceLab.Engine.Kernels;

namespace DeviceLab.Engine.Tests.Kernels;

/// <summary>
/// Both ways the AVX-512 Q4_0 kernels split a pair of blocks into nibbles, held to the block layout directly: the
/// shift split is what CPUs without GFNI run, and on a CPU with GFNI the dot-product tests only exercise the other.
/// </summary>
public sealed unsafe class NibbleSplitTests
{
    [KernelPathFact(KernelPath.Avx512, false)]
    public void The_shift_split_gives_every_nibble_in_element_order() => AssertSplits<ShiftSplit>();

    [GfniFact]
    public void The_GFNI_split_gives_every_nibble_in_element_order() => AssertSplits<GfniSplit>();

    private static void AssertSplits<TSplit>() where TSplit : struct, INibbleSplit
    {
        var random = new Random(3);
        var blocks = new byte[2 * DotQ4_0.BlockBytes];
        for (var round = 0; round < 200; round++)
        {
            random.NextBytes(blocks);
            fixed (byte* w = blocks)
            {
                var nibbles = TSplit.Pair(w);
                for (var block = 0; block < 2; block++)
                {
                    var packed = w + block * DotQ4_0.BlockBytes + 2;
                    for (var j = 0; j < 16; j++)
                    {
                        Assert.Equal(packed[j] & 0x0F, nibbles.GetElement(block * 32 + j));
                        Assert.Equal(packed[j] >> 4, nibbles.GetElement(block * 32 + 16 + j));
                    }
                }
            }
        }
    }

    /// <summary>Skipped, with the reason, where the AVX-512 path or GFNI is missing.</summary>
    private sealed class GfniFactAttribute : FactAttribute
    {
        public GfniFactAttribute()
        {
            if (!KernelChoice.IsSupported(new KernelChoice(KernelPath.Avx512, false), out var reason))
                Skip = $"the AVX-512 path is not available on this machine: {reason}";
            else if (!Gfni.V512.IsSupported)
                Skip = "the CPU lacks GFNI (512-bit)";
        }
    }
}
