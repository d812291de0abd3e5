using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// Dot product of a Q4_0 weight row (18-byte blocks: f16 d, 16 bytes of nibbles; element j is the low
/// nibble of byte j, element j+16 its high nibble, value (nibble − 8)·d) with Q8_0 activations:
/// Σ_blocks d_w · d_x · Σ (nibble − 8) · q, the integer sum exact, the outer sum in float.
/// The SIMD paths feed the unsigned nibbles straight into u8 × s8 products and start each block's
/// accumulator at the precomputed −8·Σq instead of subtracting 8 from every nibble.
/// </summary>
internal static unsafe class DotQ4_0
{
    public const int BlockBytes = 18;

    /// <summary>The reference.</summary>
    public static float ScalarRow(byte* w, Q8Row x, int blocks, HalfTable halves)
    {
        var sum = 0f;
        for (var b = 0; b < blocks; b++, w += BlockBytes)
        {
            var q = x.Values + b * 32;
            var integer = 0;
            for (var j = 0; j < 16; j++)
            {
                var packed = w[2 + j];
                integer += ((packed & 0x0F) - 8) * q[j] + ((packed >> 4) - 8) * q[j + 16];
            }
            sum += halves.Scale(w) * x.Scales[b] * integer;
        }
        return sum;
    }

    public static float PortableRow(byte* w, Q8Row x, int blocks, HalfTable halves)
    {
        var sum = 0f;
        var mask = Vector128.Create((byte)0x0F);
        var eight = Vector128.Create((sbyte)8);
        for (var b = 0; b < blocks; b++, w += BlockBytes)
        {
            var packed = Vector128.Load(w + 2);
            var low = (packed & mask).AsSByte() - eight;
            var high = Vector128.ShiftRightLogical(packed, 4).AsSByte() - eight;
            var q = x.Values + b * 32;
            var products = Int8Products(low, Vector128.Load(q)) + Int8Products(high, Vector128.Load(q + 16));
            sum += halves.Scale(w) * x.Scales[b] * Vector128.Sum(products);
        }
        return sum;
    }

    /// <summary>16 signed × signed products summed into 4 int32 lanes (portable: widen to int16, multiply, widen).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<int> Int8Products(Vector128<sbyte> a, Vector128<sbyte> b)
    {
        var (aLow, aHigh) = Vector128.Widen(a);
        var (bLow, bHigh) = Vector128.Widen(b);
        var (p0, p1) = Vector128.Widen(aLow * bLow);
        var (p2, p3) = Vector128.Widen(aHigh * bHigh);
        return (p0 + p1) + (p2 + p3);
    }

    /// <summary>AVX2 / AVX-VNNI: two blocks per step into two float accumulators to hide the FMA latency.</summary>
    public static float Avx2Row<TDot>(byte* w, Q8Row x, int blocks, HalfTable halves) where TDot : struct, IInt8Dot
    {
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        var b = 0;
        for (; b + 1 < blocks; b += 2, w += 2 * BlockBytes)
        {
            acc0 = Block<TDot>(w, x, b, halves, acc0);
            acc1 = Block<TDot>(w + BlockBytes, x, b + 1, halves, acc1);
        }
        if (b < blocks) acc0 = Block<TDot>(w, x, b, halves, acc0);
        return Vector256.Sum(acc0 + acc1);
    }

    /// <summary>
    /// <see cref="Avx2Row{TDot}"/> for two rows at once: each activation block, its bias and its scale are loaded once
    /// for both rows (ADR 0038 on the 256-bit path, ADR 0136). Even and odd blocks go to separate accumulators as in
    /// <see cref="Avx2Row{TDot}"/>, so a row's result is the same bits whether it is paired or not (row ranges, and so
    /// the pairing, depend on the thread count). Inlined into the row loop: no call, no <see cref="Q8Row"/> copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Avx2Rows2<TDot>(byte* w0, byte* w1, Q8Row x, int blocks, HalfTable halves, out float sum0, out float sum1)
        where TDot : struct, IInt8Dot
    {
        Vector256<float> a0 = default, a1 = default, c0 = default, c1 = default;
        var q = x.Values;
        var b = 0;
        for (; b + 1 < blocks; b += 2, w0 += 2 * BlockBytes, w1 += 2 * BlockBytes, q += 64)
        {
            (a0, a1) = Block2<TDot>(w0, w1, q, x.BiasQ4[b], x.Scales[b], halves, a0, a1);
            (c0, c1) = Block2<TDot>(w0 + BlockBytes, w1 + BlockBytes, q + 32, x.BiasQ4[b + 1], x.Scales[b + 1], halves, c0, c1);
        }
        if (b < blocks) (a0, a1) = Block2<TDot>(w0, w1, q, x.BiasQ4[b], x.Scales[b], halves, a0, a1);
        sum0 = Vector256.Sum(a0 + c0);
        sum1 = Vector256.Sum(a1 + c1);
    }

    /// <summary>One block of two rows against the same activation block: the arithmetic of <see cref="Block{TDot}"/> for each row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float>, Vector256<float>) Block2<TDot>(
        byte* w0, byte* w1, sbyte* q, int bias, float scale, HalfTable halves, Vector256<float> accumulator0, Vector256<float> accumulator1)
        where TDot : struct, IInt8Dot
    {
        var xq = Vector256.Load(q);
        var biasVector = Vector256.Create(bias);
        var i0 = TDot.Accumulate(biasVector, Nibbles(w0 + 2), xq);
        var i1 = TDot.Accumulate(biasVector, Nibbles(w1 + 2), xq);
        return (
            Fma.MultiplyAdd(Avx.ConvertToVector256Single(i0), Vector256.Create(halves.Scale(w0) * scale), accumulator0),
            Fma.MultiplyAdd(Avx.ConvertToVector256Single(i1), Vector256.Create(halves.Scale(w1) * scale), accumulator1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Block<TDot>(byte* w, Q8Row x, int b, HalfTable halves, Vector256<float> accumulator) where TDot : struct, IInt8Dot
    {
        var integer = TDot.Accumulate(Vector256.Create(x.BiasQ4[b]), Nibbles(w + 2), Vector256.Load(x.Values + b * 32));
        var scale = halves.Scale(w) * x.Scales[b];
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(integer), Vector256.Create(scale), accumulator);
    }

    /// <summary>
    /// AVX-512: two blocks per 512-bit step (<c>vpmaddubsw</c> + <c>vpmaddwd</c>; .NET exposes no 512-bit VNNI),
    /// the "− 8" folded into the float step as fma(Σ n·q, d_x, −d_x·Σq) and then one fma by d_w — fewer
    /// instructions per block than the 256-bit loop, which is what bounds Q4_0 decode.
    /// </summary>
    public static float Avx512Row<TSplit>(byte* w, Q8Row x, int blocks, HalfTable halves) where TSplit : struct, INibbleSplit
    {
        var acc0 = Vector512<float>.Zero;
        var acc1 = Vector512<float>.Zero;
        var q = x.Values;
        var scales = x.ScaleLanes;
        var offsets = x.OffsetQ4Lanes;
        var b = 0;
        for (; b + 3 < blocks; b += 4, w += 4 * BlockBytes, q += 128, scales += 32, offsets += 32)
        {
            acc0 = Pair512<TSplit>(w, q, scales, offsets, halves, acc0);
            acc1 = Pair512<TSplit>(w + 2 * BlockBytes, q + 64, scales + 16, offsets + 16, halves, acc1);
        }
        if (b + 1 < blocks)
        {
            acc0 = Pair512<TSplit>(w, q, scales, offsets, halves, acc0);
            b += 2;
            w += 2 * BlockBytes;
        }
        var sum = Vector512.Sum(acc0 + acc1);
        if (b < blocks) sum += Vector256.Sum(Block<MaddDot>(w, x, b, halves, Vector256<float>.Zero));
        return sum;
    }

    /// <summary>
    /// Two rows at once: the activation loads of each pair of blocks serve both rows. Inlined into the row loop, as the
    /// JIT does on its own: no call and no <see cref="Q8Row"/> copy per pair of rows under NativeAOT.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Avx512Rows2<TSplit>(byte* w0, byte* w1, Q8Row x, int blocks, HalfTable halves, out float sum0, out float sum1)
        where TSplit : struct, INibbleSplit
    {
        Vector512<float> a0 = default, a1 = default;
        var q = x.Values;
        var scales = x.ScaleLanes;
        var offsets = x.OffsetQ4Lanes;
        var ones = Vector512.Create((short)1);
        var b = 0;
        for (; b + 1 < blocks; b += 2, w0 += 2 * BlockBytes, w1 += 2 * BlockBytes, q += 64, scales += 16, offsets += 16)
        {
            var xq = Vector512.Load(q);
            var sl = Vector512.Load(scales);
            var ol = Vector512.Load(offsets);
            var i0 = Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(TSplit.Pair(w0), xq), ones);
            var i1 = Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(TSplit.Pair(w1), xq), ones);
            a0 = Avx512F.FusedMultiplyAdd(Avx512F.FusedMultiplyAdd(Avx512F.ConvertToVector512Single(i0), sl, ol), PairScales(w0, halves), a0);
            a1 = Avx512F.FusedMultiplyAdd(Avx512F.FusedMultiplyAdd(Avx512F.ConvertToVector512Single(i1), sl, ol), PairScales(w1, halves), a1);
        }
        sum0 = Vector512.Sum(a0);
        sum1 = Vector512.Sum(a1);
        if (b < blocks)
        {
            sum0 += Vector256.Sum(Block<MaddDot>(w0, x, b, halves, Vector256<float>.Zero));
            sum1 += Vector256.Sum(Block<MaddDot>(w1, x, b, halves, Vector256<float>.Zero));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pair512<TSplit>(
        byte* w, sbyte* q, float* scaleLanes, float* offsetLanes, HalfTable halves, Vector512<float> accumulator) where TSplit : struct, INibbleSplit
    {
        var pairs = Avx512BW.MultiplyAddAdjacent(TSplit.Pair(w), Vector512.Load(q));
        var integer = Avx512BW.MultiplyAddAdjacent(pairs, Vector512.Create((short)1));
        var activation = Avx512F.FusedMultiplyAdd(
            Avx512F.ConvertToVector512Single(integer), Vector512.Load(scaleLanes), Vector512.Load(offsetLanes));
        return Avx512F.FusedMultiplyAdd(activation, PairScales(w, halves), accumulator);
    }

    /// <summary>The weight scales of two consecutive blocks: block 0's d in lanes 0..7, block 1's in lanes 8..15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PairScales(byte* w, HalfTable halves) =>
        Avx512F.InsertVector256(Vector256.Create(halves.Scale(w)).ToVector512Unsafe(), Vector256.Create(halves.Scale(w + BlockBytes)), 1);

    /// <summary>The 16 packed bytes of two consecutive blocks, each broadcast to both 128-bit lanes of its 256-bit half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<byte> PackedPair(byte* w) =>
        Avx512F.InsertVector256(Avx2.BroadcastVector128ToVector256(w + 2).ToVector512Unsafe(), Avx2.BroadcastVector128ToVector256(w + 2 + BlockBytes), 1);

    /// <summary>16 packed bytes → 32 nibbles in element order: low nibbles, then high nibbles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<byte> Nibbles(byte* packed)
    {
        var both = Avx2.BroadcastVector128ToVector256(packed);
        var shifted = Avx2.ShiftRightLogicalVariable(both.AsUInt32(), Vector256.Create(0u, 0, 0, 0, 4, 4, 4, 4));
        return shifted.AsByte() & Vector256.Create((byte)0x0F);
    }

    /// <summary>
    /// y[r] (+)= row r · x for rows [rowStart, rowEnd). The path, the nibble split and the scale table are taken
    /// once here, outside every loop.
    /// </summary>
    public static void Rows(KernelChoice kernels, in WeightMatrix w, Q8Row x, float* y, int rowStart, int rowEnd, bool accumulate)
    {
        var blocks = w.Columns / 32;
        var halves = HalfTable.Shared;
        switch (kernels.Path)
        {
            case KernelPath.Avx512 when Gfni.V512.IsSupported:
                Avx512Rows<GfniSplit>(w, x, y, rowStart, rowEnd, accumulate, halves);
                break;
            case KernelPath.Avx512:
                Avx512Rows<ShiftSplit>(w, x, y, rowStart, rowEnd, accumulate, halves);
                break;
            case KernelPath.Avx2 when kernels.Vnni:
                Avx2Rows<VnniDot>(w, x, y, rowStart, rowEnd, accumulate, halves);
                break;
            case KernelPath.Avx2:
                Avx2Rows<MaddDot>(w, x, y, rowStart, rowEnd, accumulate, halves);
                break;
            case KernelPath.Portable:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, PortableRow(w.Row(r), x, blocks, halves), accumulate);
                break;
            default:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, ScalarRow(w.Row(r), x, blocks, halves), accumulate);
                break;
        }
    }

    /// <summary>
    /// Rows r and r + half together: the activation loads serve both (the loop was load-bound), and the two rows come
    /// from two separate sequential streams — adjacent rows interleaved defeat the hardware prefetcher and ran 20%
    /// slower from memory than one row at a time.
    /// </summary>
    private static void Avx512Rows<TSplit>(in WeightMatrix w, Q8Row x, float* y, int rowStart, int rowEnd, bool accumulate, HalfTable halves)
        where TSplit : struct, INibbleSplit
    {
        var blocks = w.Columns / 32;
        var half = (rowEnd - rowStart) / 2;
        for (var i = 0; i < half; i++)
        {
            int r0 = rowStart + i, r1 = rowStart + half + i;
            Avx512Rows2<TSplit>(w.Row(r0), w.Row(r1), x, blocks, halves, out var s0, out var s1);
            Output.Store(y + r0, s0, accumulate);
            Output.Store(y + r1, s1, accumulate);
        }
        if ((rowEnd - rowStart) % 2 == 1) Output.Store(y + rowEnd - 1, Avx512Row<TSplit>(w.Row(rowEnd - 1), x, blocks, halves), accumulate);
    }

    /// <summary>The 256-bit path of <see cref="Avx512Rows{TSplit}"/>: rows r and r + half together, from two sequential streams.</summary>
    private static void Avx2Rows<TDot>(in WeightMatrix w, Q8Row x, float* y, int rowStart, int rowEnd, bool accumulate, HalfTable halves)
        where TDot : struct, IInt8Dot
    {
        var blocks = w.Columns / 32;
        var half = (rowEnd - rowStart) / 2;
        for (var i = 0; i < half; i++)
        {
            int r0 = rowStart + i, r1 = rowStart + half + i;
            Avx2Rows2<TDot>(w.Row(r0), w.Row(r1), x, blocks, halves, out var s0, out var s1);
            Output.Store(y + r0, s0, accumulate);
            Output.Store(y + r1, s1, accumulate);
        }
        if ((rowEnd - rowStart) % 2 == 1) Output.Store(y + rowEnd - 1, Avx2Row<TDot>(w.Row(rowEnd - 1), x, blocks, halves), accumulate);
    }

    /// <summary>
    /// Prefill tile: one row against 8 tokens. The nibbles and weight scales of each pair of blocks are
    /// unpacked once and used 8 times.
    /// </summary>
    /// <param name="x">Token rows <paramref name="firstToken"/> … +7 of these activations.</param>
    /// <param name="results">(8) the 8 dot products.</param>
    public static void Tile8Avx512(byte* w, Q8Activations x, int firstToken, int blocks, float* results)
    {
        if (Gfni.V512.IsSupported) Tile8Avx512<GfniSplit>(w, x, firstToken, blocks, HalfTable.Shared, results);
        else Tile8Avx512<ShiftSplit>(w, x, firstToken, blocks, HalfTable.Shared, results);
    }

    private static void Tile8Avx512<TSplit>(byte* w, Q8Activations x, int firstToken, int blocks, HalfTable halves, float* results)
        where TSplit : struct, INibbleSplit
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        var columns = x.Columns;
        var lanes = (long)x.BlocksPerToken * 8;
        sbyte* q = x.TokenValues(firstToken);
        float* scales = x.TokenScaleLanes(firstToken), offsets = x.TokenOffsetQ4Lanes(firstToken);
        var ones = Vector512.Create((short)1);
        var b = 0;
        for (; b + 1 < blocks; b += 2, w += 2 * BlockBytes, q += 64, scales += 16, offsets += 16)
        {
            var nibbles = TSplit.Pair(w);
            var weightScales = PairScales(w, halves);
            a0 = PairForToken(nibbles, weightScales, q, scales, offsets, ones, a0);
            a1 = PairForToken(nibbles, weightScales, q + columns, scales + lanes, offsets + lanes, ones, a1);
            a2 = PairForToken(nibbles, weightScales, q + 2 * columns, scales + 2 * lanes, offsets + 2 * lanes, ones, a2);
            a3 = PairForToken(nibbles, weightScales, q + 3 * columns, scales + 3 * lanes, offsets + 3 * lanes, ones, a3);
            a4 = PairForToken(nibbles, weightScales, q + 4 * columns, scales + 4 * lanes, offsets + 4 * lanes, ones, a4);
            a5 = PairForToken(nibbles, weightScales, q + 5 * columns, scales + 5 * lanes, offsets + 5 * lanes, ones, a5);
            a6 = PairForToken(nibbles, weightScales, q + 6 * columns, scales + 6 * lanes, offsets + 6 * lanes, ones, a6);
            a7 = PairForToken(nibbles, weightScales, q + 7 * columns, scales + 7 * lanes, offsets + 7 * lanes, ones, a7);
        }
        results[0] = Vector512.Sum(a0);
        results[1] = Vector512.Sum(a1);
        results[2] = Vector512.Sum(a2);
        results[3] = Vector512.Sum(a3);
        results[4] = Vector512.Sum(a4);
        results[5] = Vector512.Sum(a5);
        results[6] = Vector512.Sum(a6);
        results[7] = Vector512.Sum(a7);
        if (b < blocks)
        {
            for (var t = 0; t < 8; t++)
                results[t] += Vector256.Sum(Block<MaddDot>(w, Q8Row.Of(x, firstToken + t), b, halves, Vector256<float>.Zero));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PairForToken(
        Vector512<byte> nibbles, Vector512<float> weightScales, sbyte* q, float* scaleLanes, float* offsetLanes, Vector512<short> ones, Vector512<float> accumulator)
    {
        var integer = Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(nibbles, Vector512.Load(q)), ones);
        var activation = Avx512F.FusedMultiplyAdd(Avx512F.ConvertToVector512Single(integer), Vector512.Load(scaleLanes), Vector512.Load(offsetLanes));
        return Avx512F.FusedMultiplyAdd(activation, weightScales, accumulator);
    }
}
