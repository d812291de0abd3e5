using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// The sums of 16 accumulators at once: lane i of the result is the sum of the lanes of vector i. A transpose
/// tree (unpack, 64-bit shuffles, 128-bit shuffles) takes 45 instructions where 16 separate reductions take
/// about 160 — for a 576-column tile that was a quarter of the work.
/// </summary>
internal static class HorizontalSums
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Of16(
        Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d,
        Vector512<float> e, Vector512<float> f, Vector512<float> g, Vector512<float> h,
        Vector512<float> i, Vector512<float> j, Vector512<float> k, Vector512<float> l,
        Vector512<float> m, Vector512<float> n, Vector512<float> o, Vector512<float> p)
    {
        var abcd = Quad(Pair(a, b), Pair(c, d));
        var efgh = Quad(Pair(e, f), Pair(g, h));
        var ijkl = Quad(Pair(i, j), Pair(k, l));
        var mnop = Quad(Pair(m, n), Pair(o, p));
        return Lanes(Lanes(abcd, efgh), Lanes(ijkl, mnop));
    }

    /// <summary>Per 128-bit lane: [x0+x2, y0+y2, x1+x3, y1+y3].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pair(Vector512<float> x, Vector512<float> y) => Avx512F.UnpackLow(x, y) + Avx512F.UnpackHigh(x, y);

    /// <summary>Per 128-bit lane: [Σx, Σy, Σz, Σw] of that lane, from two <see cref="Pair"/> results.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Quad(Vector512<float> xy, Vector512<float> zw) => Avx512F.Shuffle(xy, zw, 0x44) + Avx512F.Shuffle(xy, zw, 0xEE);

    /// <summary>Adds 128-bit lanes pairwise: [u.L0+u.L1, u.L2+u.L3, v.L0+v.L1, v.L2+v.L3].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Lanes(Vector512<float> u, Vector512<float> v) => Avx512F.Shuffle4x128(u, v, 0x88) + Avx512F.Shuffle4x128(u, v, 0xDD);
}
