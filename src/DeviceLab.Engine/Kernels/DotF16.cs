using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// Dot product of an F16 row with F32 activations. Halves are widened to floats in registers as they
/// are loaded (<see cref="HalfBits"/>), so F16 weights are never expanded in memory.
/// </summary>
internal static unsafe class DotF16
{
    public static float Row(KernelChoice kernels, ushort* w, float* x, int n) => kernels.Path switch
    {
        KernelPath.Avx512 => Avx512Row(w, x, n),
        KernelPath.Avx2 => Avx2Row(w, x, n),
        KernelPath.Portable => PortableRow(w, x, n),
        _ => ScalarRow(w, x, n),
    };

    /// <summary>The reference: each half converted by <see cref="Half"/> itself.</summary>
    public static float ScalarRow(ushort* w, float* x, int n)
    {
        var sum = 0f;
        for (var i = 0; i < n; i++) sum += (float)BitConverter.UInt16BitsToHalf(w[i]) * x[i];
        return sum;
    }

    public static float PortableRow(ushort* w, float* x, int n)
    {
        var acc0 = Vector128<float>.Zero;
        var acc1 = Vector128<float>.Zero;
        var i = 0;
        for (; i + 8 <= n; i += 8)
        {
            var (low, high) = Vector128.Widen(Vector128.Load((short*)(w + i)));
            acc0 += HalfBits.ToSingle(low) * Vector128.Load(x + i);
            acc1 += HalfBits.ToSingle(high) * Vector128.Load(x + i + 4);
        }
        var sum = Vector128.Sum(acc0 + acc1);
        for (; i < n; i++) sum += HalfBits.ToSingle(w[i]) * x[i];
        return sum;
    }

    public static float Avx2Row(ushort* w, float* x, int n)
    {
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        var acc2 = Vector256<float>.Zero;
        var acc3 = Vector256<float>.Zero;
        var i = 0;
        for (; i + 32 <= n; i += 32)
        {
            acc0 = Fma.MultiplyAdd(Load8(w + i), Vector256.Load(x + i), acc0);
            acc1 = Fma.MultiplyAdd(Load8(w + i + 8), Vector256.Load(x + i + 8), acc1);
            acc2 = Fma.MultiplyAdd(Load8(w + i + 16), Vector256.Load(x + i + 16), acc2);
            acc3 = Fma.MultiplyAdd(Load8(w + i + 24), Vector256.Load(x + i + 24), acc3);
        }
        for (; i + 8 <= n; i += 8) acc0 = Fma.MultiplyAdd(Load8(w + i), Vector256.Load(x + i), acc0);
        var sum = Vector256.Sum((acc0 + acc1) + (acc2 + acc3));
        for (; i < n; i++) sum += HalfBits.ToSingle(w[i]) * x[i];
        return sum;
    }

    public static float Avx512Row(ushort* w, float* x, int n)
    {
        var acc0 = Vector512<float>.Zero;
        var acc1 = Vector512<float>.Zero;
        var acc2 = Vector512<float>.Zero;
        var acc3 = Vector512<float>.Zero;
        var i = 0;
        for (; i + 64 <= n; i += 64)
        {
            acc0 = Avx512F.FusedMultiplyAdd(Load16(w + i), Vector512.Load(x + i), acc0);
            acc1 = Avx512F.FusedMultiplyAdd(Load16(w + i + 16), Vector512.Load(x + i + 16), acc1);
            acc2 = Avx512F.FusedMultiplyAdd(Load16(w + i + 32), Vector512.Load(x + i + 32), acc2);
            acc3 = Avx512F.FusedMultiplyAdd(Load16(w + i + 48), Vector512.Load(x + i + 48), acc3);
        }
        for (; i + 16 <= n; i += 16) acc0 = Avx512F.FusedMultiplyAdd(Load16(w + i), Vector512.Load(x + i), acc0);
        var sum = Vector512.Sum((acc0 + acc1) + (acc2 + acc3));
        for (; i < n; i++) sum += HalfBits.ToSingle(w[i]) * x[i];
        return sum;
    }

    private const int MaxPrescaled = 16384;
    private const float PrescaleUp = 7.205759403792794e16f;    // 2^56

    /// <summary>
    /// Σ w·x·2^-56 with x already multiplied by 2^56: the halves' bits placed in float position are w·2^-112,
    /// so no per-vector rescale is needed; the caller multiplies the sum by 2^56. Products stay normal floats
    /// unless |w·x| &lt; 2^-70, far below anything that moves a sum.
    /// </summary>
    public static float Avx512RowPrescaled(ushort* w, float* scaledX, int n)
    {
        var acc0 = Vector512<float>.Zero;
        var acc1 = Vector512<float>.Zero;
        var acc2 = Vector512<float>.Zero;
        var acc3 = Vector512<float>.Zero;
        var i = 0;
        for (; i + 64 <= n; i += 64)
        {
            acc0 = Avx512F.FusedMultiplyAdd(Bits16(w + i), Vector512.Load(scaledX + i), acc0);
            acc1 = Avx512F.FusedMultiplyAdd(Bits16(w + i + 16), Vector512.Load(scaledX + i + 16), acc1);
            acc2 = Avx512F.FusedMultiplyAdd(Bits16(w + i + 32), Vector512.Load(scaledX + i + 32), acc2);
            acc3 = Avx512F.FusedMultiplyAdd(Bits16(w + i + 48), Vector512.Load(scaledX + i + 48), acc3);
        }
        for (; i + 16 <= n; i += 16) acc0 = Avx512F.FusedMultiplyAdd(Bits16(w + i), Vector512.Load(scaledX + i), acc0);
        return Vector512.Sum((acc0 + acc1) + (acc2 + acc3));
    }

    /// <summary><see cref="Avx512RowPrescaled"/> for two rows at once, each activation vector loaded once; inlined into the row loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Avx512RowsPrescaled2(ushort* w0, ushort* w1, float* scaledX, int n, out float sum0, out float sum1)
    {
        Vector512<float> a0 = default, a1 = default, b0 = default, b1 = default;
        var i = 0;
        for (; i + 32 <= n; i += 32)
        {
            var x0 = Vector512.Load(scaledX + i);
            var x1 = Vector512.Load(scaledX + i + 16);
            a0 = Avx512F.FusedMultiplyAdd(Bits16(w0 + i), x0, a0);
            b0 = Avx512F.FusedMultiplyAdd(Bits16(w1 + i), x0, b0);
            a1 = Avx512F.FusedMultiplyAdd(Bits16(w0 + i + 16), x1, a1);
            b1 = Avx512F.FusedMultiplyAdd(Bits16(w1 + i + 16), x1, b1);
        }
        for (; i + 16 <= n; i += 16)
        {
            var x0 = Vector512.Load(scaledX + i);
            a0 = Avx512F.FusedMultiplyAdd(Bits16(w0 + i), x0, a0);
            b0 = Avx512F.FusedMultiplyAdd(Bits16(w1 + i), x0, b0);
        }
        sum0 = Vector512.Sum(a0 + a1);
        sum1 = Vector512.Sum(b0 + b1);
    }

    /// <summary>
    /// The 256-bit <see cref="Avx512RowsPrescaled2"/>: two rows against x prescaled by 2^56, no rescaling multiply per
    /// 8 weights (ADR 0136). Inlined into the row loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Avx2RowsPrescaled2(ushort* w0, ushort* w1, float* scaledX, int n, out float sum0, out float sum1)
    {
        Vector256<float> a0 = default, a1 = default, b0 = default, b1 = default;
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            var x0 = Vector256.Load(scaledX + i);
            var x1 = Vector256.Load(scaledX + i + 8);
            a0 = Fma.MultiplyAdd(Bits8(w0 + i), x0, a0);
            b0 = Fma.MultiplyAdd(Bits8(w1 + i), x0, b0);
            a1 = Fma.MultiplyAdd(Bits8(w0 + i + 8), x1, a1);
            b1 = Fma.MultiplyAdd(Bits8(w1 + i + 8), x1, b1);
        }
        for (; i + 8 <= n; i += 8)
        {
            var x0 = Vector256.Load(scaledX + i);
            a0 = Fma.MultiplyAdd(Bits8(w0 + i), x0, a0);
            b0 = Fma.MultiplyAdd(Bits8(w1 + i), x0, b0);
        }
        sum0 = Vector256.Sum(a0 + a1);
        sum1 = Vector256.Sum(b0 + b1);
    }

    /// <summary>One row of <see cref="Avx2RowsPrescaled2"/> (the odd last row of a range).</summary>
    public static float Avx2RowPrescaled(ushort* w, float* scaledX, int n)
    {
        Vector256<float> a0 = default, a1 = default;
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            a0 = Fma.MultiplyAdd(Bits8(w + i), Vector256.Load(scaledX + i), a0);
            a1 = Fma.MultiplyAdd(Bits8(w + i + 8), Vector256.Load(scaledX + i + 8), a1);
        }
        for (; i + 8 <= n; i += 8) a0 = Fma.MultiplyAdd(Bits8(w + i), Vector256.Load(scaledX + i), a0);
        return Vector256.Sum(a0 + a1);
    }

    /// <summary>8 halves as floats 2^112 too small (see <see cref="Bits16"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Bits8(ushort* w) =>
        ((Avx2.ConvertToVector256Int32(Vector128.Load((short*)w)) << 13) & Vector256.Create(unchecked((int)0x8FFFFFFF))).AsSingle();

    /// <summary>16 halves as floats 2^112 too small: sign-extend, shift, mask, no multiply.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Bits16(ushort* w) =>
        ((Avx512F.ConvertToVector512Int32(Vector256.Load((short*)w)) << 13) & Vector512.Create(unchecked((int)0x8FFFFFFF))).AsSingle();

    /// <summary>16 halves at <paramref name="w"/> as floats (vpmovsxwd from memory, then the bit trick).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Load16(ushort* w) => HalfBits.ToSingle(Avx512F.ConvertToVector512Int32(Vector256.Load((short*)w)));

    /// <summary>8 halves at <paramref name="w"/> as floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Load8(ushort* w) => HalfBits.ToSingle(Avx2.ConvertToVector256Int32(Vector128.Load((short*)w)));

    /// <summary>y[r] (+)= row r · x for rows [rowStart, rowEnd); the path chosen once, outside the row loop.</summary>
    public static void Rows(KernelChoice kernels, in WeightMatrix w, float* x, float* y, int rowStart, int rowEnd, bool accumulate)
    {
        var n = w.Columns;
        switch (kernels.Path)
        {
            case KernelPath.Avx512 when n % 16 == 0 && n <= MaxPrescaled:
                // Prescale x by 2^56 once so each 16 weights need no rescaling multiply (HalfBits: the raw bits
                // read as a float are the weight × 2^-112); each row sum (w·x·2^-56) is multiplied by 2^56.
                var scaled = stackalloc float[n];
                for (var i = 0; i < n; i += 16) (Vector512.Load(x + i) * PrescaleUp).Store(scaled + i);
                // Rows r and r + half together, from two separate sequential streams (see DotQ4_0.Rows).
                var half = (rowEnd - rowStart) / 2;
                for (var i = 0; i < half; i++)
                {
                    int r0 = rowStart + i, r1 = rowStart + half + i;
                    Avx512RowsPrescaled2((ushort*)w.Row(r0), (ushort*)w.Row(r1), scaled, n, out var s0, out var s1);
                    Output.Store(y + r0, s0 * PrescaleUp, accumulate);
                    Output.Store(y + r1, s1 * PrescaleUp, accumulate);
                }
                if ((rowEnd - rowStart) % 2 == 1)
                    Output.Store(y + rowEnd - 1, Avx512RowPrescaled((ushort*)w.Row(rowEnd - 1), scaled, n) * PrescaleUp, accumulate);
                break;
            case KernelPath.Avx512:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, Avx512Row((ushort*)w.Row(r), x, n), accumulate);
                break;
            case KernelPath.Avx2 when n % 8 == 0 && n <= MaxPrescaled:
                // As the AVX-512 case above, 8 weights per vector.
                var scaled8 = stackalloc float[n];
                for (var i = 0; i < n; i += 8) (Vector256.Load(x + i) * PrescaleUp).Store(scaled8 + i);
                var pairs = (rowEnd - rowStart) / 2;
                for (var i = 0; i < pairs; i++)
                {
                    int r0 = rowStart + i, r1 = rowStart + pairs + i;
                    Avx2RowsPrescaled2((ushort*)w.Row(r0), (ushort*)w.Row(r1), scaled8, n, out var s0, out var s1);
                    Output.Store(y + r0, s0 * PrescaleUp, accumulate);
                    Output.Store(y + r1, s1 * PrescaleUp, accumulate);
                }
                if ((rowEnd - rowStart) % 2 == 1)
                    Output.Store(y + rowEnd - 1, Avx2RowPrescaled((ushort*)w.Row(rowEnd - 1), scaled8, n) * PrescaleUp, accumulate);
                break;
            case KernelPath.Avx2:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, Avx2Row((ushort*)w.Row(r), x, n), accumulate);
                break;
            case KernelPath.Portable:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, PortableRow((ushort*)w.Row(r), x, n), accumulate);
                break;
            default:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, ScalarRow((ushort*)w.Row(r), x, n), accumulate);
                break;
        }
    }

    /// <summary>
    /// Prefill tile: one row against 8 tokens. Each 16 halves are widened once and used 8 times, which
    /// takes the conversion from 4 of 5 instructions per 16 weights (decode) to 1 of 1.5.
    /// </summary>
    /// <param name="x">(8, xStride) activations of the 8 tokens.</param>
    /// <param name="results">(8) the 8 dot products.</param>
    public static void Tile8Avx512(ushort* w, float* x, long xStride, int n, float* results)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        float* x0 = x, x1 = x + xStride, x2 = x1 + xStride, x3 = x2 + xStride, x4 = x3 + xStride, x5 = x4 + xStride, x6 = x5 + xStride, x7 = x6 + xStride;
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            var weights = Load16(w + i);
            a0 = Avx512F.FusedMultiplyAdd(weights, Vector512.Load(x0 + i), a0);
            a1 = Avx512F.FusedMultiplyAdd(weights, Vector512.Load(x1 + i), a1);
            a2 = Avx512F.FusedMultiplyAdd(weights, Vector512.Load(x2 + i), a2);
            a3 = Avx512F.FusedMultiplyAdd(weights, Vector512.Load(x3 + i), a3);
            a4 = Avx512F.FusedMultiplyAdd(weights, Vector512.Load(x4 + i), a4);
            a5 = Avx512F.FusedMultiplyAdd(weights, Vector512.Load(x5 + i), a5);
            a6 = Avx512F.FusedMultiplyAdd(weights, Vector512.Load(x6 + i), a6);
            a7 = Avx512F.FusedMultiplyAdd(weights, Vector512.Load(x7 + i), a7);
        }
        results[0] = Vector512.Sum(a0);
        results[1] = Vector512.Sum(a1);
        results[2] = Vector512.Sum(a2);
        results[3] = Vector512.Sum(a3);
        results[4] = Vector512.Sum(a4);
        results[5] = Vector512.Sum(a5);
        results[6] = Vector512.Sum(a6);
        results[7] = Vector512.Sum(a7);
        for (; i < n; i++)
        {
            var weight = HalfBits.ToSingle(w[i]);
            for (var t = 0; t < 8; t++) results[t] += weight * x[t * xStride + i];
        }
    }

    /// <summary>
    /// <see cref="Tile8Avx512"/> on the 256-bit path (ADR 0136): each 8 halves widened once for 8 tokens, 8 accumulators
    /// + weights + one activation vector in the 16 ymm registers.
    /// </summary>
    public static void Tile8Avx2(ushort* w, float* x, long xStride, int n, float* results)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        float* x0 = x, x1 = x + xStride, x2 = x1 + xStride, x3 = x2 + xStride, x4 = x3 + xStride, x5 = x4 + xStride, x6 = x5 + xStride, x7 = x6 + xStride;
        var i = 0;
        for (; i + 8 <= n; i += 8)
        {
            var weights = Load8(w + i);
            a0 = Fma.MultiplyAdd(weights, Vector256.Load(x0 + i), a0);
            a1 = Fma.MultiplyAdd(weights, Vector256.Load(x1 + i), a1);
            a2 = Fma.MultiplyAdd(weights, Vector256.Load(x2 + i), a2);
            a3 = Fma.MultiplyAdd(weights, Vector256.Load(x3 + i), a3);
            a4 = Fma.MultiplyAdd(weights, Vector256.Load(x4 + i), a4);
            a5 = Fma.MultiplyAdd(weights, Vector256.Load(x5 + i), a5);
            a6 = Fma.MultiplyAdd(weights, Vector256.Load(x6 + i), a6);
            a7 = Fma.MultiplyAdd(weights, Vector256.Load(x7 + i), a7);
        }
        results[0] = Vector256.Sum(a0);
        results[1] = Vector256.Sum(a1);
        results[2] = Vector256.Sum(a2);
        results[3] = Vector256.Sum(a3);
        results[4] = Vector256.Sum(a4);
        results[5] = Vector256.Sum(a5);
        results[6] = Vector256.Sum(a6);
        results[7] = Vector256.Sum(a7);
        for (; i < n; i++)
        {
            var weight = HalfBits.ToSingle(w[i]);
            for (var t = 0; t < 8; t++) results[t] += weight * x[t * xStride + i];
        }
    }

    /// <summary>
    /// Prefill tile: two rows against 8 tokens. Each activation vector is loaded once for both rows, so the
    /// loop is bound by FMAs (16 per 16 columns) rather than by L1 loads.
    /// </summary>
    /// <param name="results">(2, 8) row 0's 8 dot products, then row 1's.</param>
    public static void Tile8x2Avx512(ushort* w0, ushort* w1, float* x, long xStride, int n, float* results)
    {
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default, a04 = default, a05 = default, a06 = default, a07 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default, a14 = default, a15 = default, a16 = default, a17 = default;
        float* x0 = x, x1 = x + xStride, x2 = x1 + xStride, x3 = x2 + xStride, x4 = x3 + xStride, x5 = x4 + xStride, x6 = x5 + xStride, x7 = x6 + xStride;
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            var w0v = Load16(w0 + i);
            var w1v = Load16(w1 + i);
            var x0v = Vector512.Load(x0 + i);
            a00 = Avx512F.FusedMultiplyAdd(w0v, x0v, a00);
            a10 = Avx512F.FusedMultiplyAdd(w1v, x0v, a10);
            var x1v = Vector512.Load(x1 + i);
            a01 = Avx512F.FusedMultiplyAdd(w0v, x1v, a01);
            a11 = Avx512F.FusedMultiplyAdd(w1v, x1v, a11);
            var x2v = Vector512.Load(x2 + i);
            a02 = Avx512F.FusedMultiplyAdd(w0v, x2v, a02);
            a12 = Avx512F.FusedMultiplyAdd(w1v, x2v, a12);
            var x3v = Vector512.Load(x3 + i);
            a03 = Avx512F.FusedMultiplyAdd(w0v, x3v, a03);
            a13 = Avx512F.FusedMultiplyAdd(w1v, x3v, a13);
            var x4v = Vector512.Load(x4 + i);
            a04 = Avx512F.FusedMultiplyAdd(w0v, x4v, a04);
            a14 = Avx512F.FusedMultiplyAdd(w1v, x4v, a14);
            var x5v = Vector512.Load(x5 + i);
            a05 = Avx512F.FusedMultiplyAdd(w0v, x5v, a05);
            a15 = Avx512F.FusedMultiplyAdd(w1v, x5v, a15);
            var x6v = Vector512.Load(x6 + i);
            a06 = Avx512F.FusedMultiplyAdd(w0v, x6v, a06);
            a16 = Avx512F.FusedMultiplyAdd(w1v, x6v, a16);
            var x7v = Vector512.Load(x7 + i);
            a07 = Avx512F.FusedMultiplyAdd(w0v, x7v, a07);
            a17 = Avx512F.FusedMultiplyAdd(w1v, x7v, a17);
        }
        HorizontalSums.Of16(a00, a01, a02, a03, a04, a05, a06, a07, a10, a11, a12, a13, a14, a15, a16, a17).Store(results);
        for (; i < n; i++)
        {
            float v0 = HalfBits.ToSingle(w0[i]), v1 = HalfBits.ToSingle(w1[i]);
            for (var t = 0; t < 8; t++)
            {
                results[t] += v0 * x[t * xStride + i];
                results[8 + t] += v1 * x[t * xStride + i];
            }
        }
    }
}
