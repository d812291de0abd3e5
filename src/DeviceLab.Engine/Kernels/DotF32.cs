using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeviceLab.Engine.Kernels;

/// <summary>Dot product of two F32 vectors.</summary>
internal static unsafe class DotF32
{
    public static float Row(KernelChoice kernels, float* w, float* x, int n) => kernels.Path switch
    {
        KernelPath.Avx512 => Avx512Row(w, x, n),
        KernelPath.Avx2 => Avx2Row(w, x, n),
        KernelPath.Portable => PortableRow(w, x, n),
        _ => ScalarRow(w, x, n),
    };

    /// <summary>The reference.</summary>
    public static float ScalarRow(float* w, float* x, int n)
    {
        var sum = 0f;
        for (var i = 0; i < n; i++) sum += w[i] * x[i];
        return sum;
    }

    public static float PortableRow(float* w, float* x, int n)
    {
        var acc0 = Vector128<float>.Zero;
        var acc1 = Vector128<float>.Zero;
        var i = 0;
        for (; i + 8 <= n; i += 8)
        {
            acc0 += Vector128.Load(w + i) * Vector128.Load(x + i);
            acc1 += Vector128.Load(w + i + 4) * Vector128.Load(x + i + 4);
        }
        var sum = Vector128.Sum(acc0 + acc1);
        for (; i < n; i++) sum += w[i] * x[i];
        return sum;
    }

    public static float Avx2Row(float* w, float* x, int n)
    {
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            acc0 = Fma.MultiplyAdd(Vector256.Load(w + i), Vector256.Load(x + i), acc0);
            acc1 = Fma.MultiplyAdd(Vector256.Load(w + i + 8), Vector256.Load(x + i + 8), acc1);
        }
        for (; i + 8 <= n; i += 8) acc0 = Fma.MultiplyAdd(Vector256.Load(w + i), Vector256.Load(x + i), acc0);
        var sum = Vector256.Sum(acc0 + acc1);
        for (; i < n; i++) sum += w[i] * x[i];
        return sum;
    }

    public static float Avx512Row(float* w, float* x, int n)
    {
        var acc0 = Vector512<float>.Zero;
        var acc1 = Vector512<float>.Zero;
        var i = 0;
        for (; i + 32 <= n; i += 32)
        {
            acc0 = Avx512F.FusedMultiplyAdd(Vector512.Load(w + i), Vector512.Load(x + i), acc0);
            acc1 = Avx512F.FusedMultiplyAdd(Vector512.Load(w + i + 16), Vector512.Load(x + i + 16), acc1);
        }
        for (; i + 16 <= n; i += 16) acc0 = Avx512F.FusedMultiplyAdd(Vector512.Load(w + i), Vector512.Load(x + i), acc0);
        var sum = Vector512.Sum(acc0 + acc1);
        for (; i < n; i++) sum += w[i] * x[i];
        return sum;
    }

    /// <summary>y[r] (+)= row r · x for rows [rowStart, rowEnd); the path chosen once, outside the row loop.</summary>
    public static void Rows(KernelChoice kernels, in WeightMatrix w, float* x, float* y, int rowStart, int rowEnd, bool accumulate)
    {
        var n = w.Columns;
        switch (kernels.Path)
        {
            case KernelPath.Avx512:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, Avx512Row((float*)w.Row(r), x, n), accumulate);
                break;
            case KernelPath.Avx2:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, Avx2Row((float*)w.Row(r), x, n), accumulate);
                break;
            case KernelPath.Portable:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, PortableRow((float*)w.Row(r), x, n), accumulate);
                break;
            default:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, ScalarRow((float*)w.Row(r), x, n), accumulate);
                break;
        }
    }

    /// <summary>Prefill tile: one row against 8 tokens, each weight vector loaded once.</summary>
    public static void Tile8Avx512(float* w, float* x, long xStride, int n, float* results)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        float* x0 = x, x1 = x + xStride, x2 = x1 + xStride, x3 = x2 + xStride, x4 = x3 + xStride, x5 = x4 + xStride, x6 = x5 + xStride, x7 = x6 + xStride;
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            var weights = Vector512.Load(w + i);
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
            for (var t = 0; t < 8; t++) results[t] += w[i] * x[t * xStride + i];
        }
    }

    /// <summary>
    /// Prefill tile: two rows against 8 tokens. Each activation vector is loaded once for both rows, so the
    /// loop is bound by FMAs (16 per 16 columns) rather than by L1 loads.
    /// </summary>
    /// <param name="results">(2, 8) row 0's 8 dot products, then row 1's.</param>
    public static void Tile8x2Avx512(float* w0, float* w1, float* x, long xStride, int n, float* results)
    {
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default, a04 = default, a05 = default, a06 = default, a07 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default, a14 = default, a15 = default, a16 = default, a17 = default;
        float* x0 = x, x1 = x + xStride, x2 = x1 + xStride, x3 = x2 + xStride, x4 = x3 + xStride, x5 = x4 + xStride, x6 = x5 + xStride, x7 = x6 + xStride;
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            var w0v = Vector512.Load(w0 + i);
            var w1v = Vector512.Load(w1 + i);
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
            float v0 = w0[i], v1 = w1[i];
            for (var t = 0; t < 8; t++)
            {
                results[t] += v0 * x[t * xStride + i];
                results[8 + t] += v1 * x[t * xStride + i];
            }
        }
    }
}
