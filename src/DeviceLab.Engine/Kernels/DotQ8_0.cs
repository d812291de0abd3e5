using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// Dot product of a Q8_0 weight row (34-byte blocks: f16 d, 32 int8) with Q8_0 activations:
/// Σ_blocks d_w · d_x · Σ w·q, the integer sum exact, the outer sum in float.
/// With AVX-VNNI a weight byte is flipped to unsigned (w XOR 0x80 = w + 128) and the block accumulator
/// starts at −128·Σq; without it the classic sign trick (|w| against sign(w)·q) keeps products in int16.
/// </summary>
internal static unsafe class DotQ8_0
{
    public const int BlockBytes = 34;

    /// <summary>The reference.</summary>
    public static float ScalarRow(byte* w, Q8Row x, int blocks, HalfTable halves)
    {
        var sum = 0f;
        for (var b = 0; b < blocks; b++, w += BlockBytes)
        {
            var weights = (sbyte*)(w + 2);
            var q = x.Values + b * 32;
            var integer = 0;
            for (var j = 0; j < 32; j++) integer += weights[j] * q[j];
            sum += halves.Scale(w) * x.Scales[b] * integer;
        }
        return sum;
    }

    public static float PortableRow(byte* w, Q8Row x, int blocks, HalfTable halves)
    {
        var sum = 0f;
        for (var b = 0; b < blocks; b++, w += BlockBytes)
        {
            var q = x.Values + b * 32;
            var products = DotQ4_0.Int8Products(Vector128.Load((sbyte*)(w + 2)), Vector128.Load(q))
                + DotQ4_0.Int8Products(Vector128.Load((sbyte*)(w + 18)), Vector128.Load(q + 16));
            sum += halves.Scale(w) * x.Scales[b] * Vector128.Sum(products);
        }
        return sum;
    }

    public static float VnniRow(byte* w, Q8Row x, int blocks, HalfTable halves)
    {
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        var b = 0;
        for (; b + 1 < blocks; b += 2, w += 2 * BlockBytes)
        {
            acc0 = VnniBlock(w, x, b, halves, acc0);
            acc1 = VnniBlock(w + BlockBytes, x, b + 1, halves, acc1);
        }
        if (b < blocks) acc0 = VnniBlock(w, x, b, halves, acc0);
        return Vector256.Sum(acc0 + acc1);
    }

    /// <summary>
    /// Two rows at once (AVX-VNNI): the activation, its bias and scale are loaded once for both rows. Inlined into the
    /// row loop, as the JIT does on its own: no call and no <see cref="Q8Row"/> copy per pair of rows under NativeAOT.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void VnniRows2(byte* w0, byte* w1, Q8Row x, int blocks, HalfTable halves, out float sum0, out float sum1)
    {
        Vector256<float> a0 = default, a1 = default, c0 = default, c1 = default;
        var q = x.Values;
        var b = 0;
        for (; b + 1 < blocks; b += 2, w0 += 2 * BlockBytes, w1 += 2 * BlockBytes, q += 64)
        {
            (a0, a1) = VnniBlock2(w0, w1, q, x.BiasQ8[b], x.Scales[b], halves, a0, a1);
            (c0, c1) = VnniBlock2(w0 + BlockBytes, w1 + BlockBytes, q + 32, x.BiasQ8[b + 1], x.Scales[b + 1], halves, c0, c1);
        }
        if (b < blocks) (a0, a1) = VnniBlock2(w0, w1, q, x.BiasQ8[b], x.Scales[b], halves, a0, a1);
        sum0 = Vector256.Sum(a0 + c0);
        sum1 = Vector256.Sum(a1 + c1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float>, Vector256<float>) VnniBlock2(
        byte* w0, byte* w1, sbyte* q, int bias, float scale, HalfTable halves, Vector256<float> accumulator0, Vector256<float> accumulator1)
    {
        var xq = Vector256.Load(q);
        var biasVector = Vector256.Create(bias);
        var i0 = AvxVnni.MultiplyWideningAndAdd(biasVector, Vector256.Load(w0 + 2) ^ Vector256.Create((byte)0x80), xq);
        var i1 = AvxVnni.MultiplyWideningAndAdd(biasVector, Vector256.Load(w1 + 2) ^ Vector256.Create((byte)0x80), xq);
        return (
            Fma.MultiplyAdd(Avx.ConvertToVector256Single(i0), Vector256.Create(halves.Scale(w0) * scale), accumulator0),
            Fma.MultiplyAdd(Avx.ConvertToVector256Single(i1), Vector256.Create(halves.Scale(w1) * scale), accumulator1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> VnniBlock(byte* w, Q8Row x, int b, HalfTable halves, Vector256<float> accumulator)
    {
        var flipped = Vector256.Load(w + 2) ^ Vector256.Create((byte)0x80);
        var integer = AvxVnni.MultiplyWideningAndAdd(Vector256.Create(x.BiasQ8[b]), flipped, Vector256.Load(x.Values + b * 32));
        var scale = halves.Scale(w) * x.Scales[b];
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(integer), Vector256.Create(scale), accumulator);
    }

    public static float Avx2Row(byte* w, Q8Row x, int blocks, HalfTable halves)
    {
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        var b = 0;
        for (; b + 1 < blocks; b += 2, w += 2 * BlockBytes)
        {
            acc0 = SignBlock(w, x, b, halves, acc0);
            acc1 = SignBlock(w + BlockBytes, x, b + 1, halves, acc1);
        }
        if (b < blocks) acc0 = SignBlock(w, x, b, halves, acc0);
        return Vector256.Sum(acc0 + acc1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SignBlock(byte* w, Q8Row x, int b, HalfTable halves, Vector256<float> accumulator)
    {
        var weights = Vector256.Load((sbyte*)(w + 2));
        var magnitudes = Avx2.Abs(weights);
        var signed = Avx2.Sign(Vector256.Load(x.Values + b * 32), weights);
        var integer = MaddDot.Accumulate(Vector256<int>.Zero, magnitudes, signed);
        var scale = halves.Scale(w) * x.Scales[b];
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(integer), Vector256.Create(scale), accumulator);
    }

    /// <summary>y[r] (+)= row r · x for rows [rowStart, rowEnd). The path and the scale table are taken once here, outside every loop.</summary>
    public static void Rows(KernelChoice kernels, in WeightMatrix w, Q8Row x, float* y, int rowStart, int rowEnd, bool accumulate)
    {
        var blocks = w.Columns / 32;
        var halves = HalfTable.Shared;
        switch (kernels.Path)
        {
            case KernelPath.Avx512 or KernelPath.Avx2 when kernels.Vnni:
                // Rows r and r + half together: the activation loads serve both, and the two rows come from two
                // separate sequential streams (adjacent rows interleaved defeat the hardware prefetcher).
                var half = (rowEnd - rowStart) / 2;
                for (var i = 0; i < half; i++)
                {
                    int r0 = rowStart + i, r1 = rowStart + half + i;
                    VnniRows2(w.Row(r0), w.Row(r1), x, blocks, halves, out var s0, out var s1);
                    Output.Store(y + r0, s0, accumulate);
                    Output.Store(y + r1, s1, accumulate);
                }
                if ((rowEnd - rowStart) % 2 == 1) Output.Store(y + rowEnd - 1, VnniRow(w.Row(rowEnd - 1), x, blocks, halves), accumulate);
                break;
            case KernelPath.Avx512 or KernelPath.Avx2:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, Avx2Row(w.Row(r), x, blocks, halves), accumulate);
                break;
            case KernelPath.Portable:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, PortableRow(w.Row(r), x, blocks, halves), accumulate);
                break;
            default:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, ScalarRow(w.Row(r), x, blocks, halves), accumulate);
                break;
        }
    }
}
