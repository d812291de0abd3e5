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

    /// <summary>The reference.</summary>
    public static float ScalarRow(ushort* w, float* x, int n)
    {
        var sum = 0f;
        for (var i = 0; i < n; i++) sum += HalfBits.ToSingle(w[i]) * x[i];
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
            case KernelPath.Avx512:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, Avx512Row((ushort*)w.Row(r), x, n), accumulate);
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
}
