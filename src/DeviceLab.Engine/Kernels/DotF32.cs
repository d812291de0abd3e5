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
}
