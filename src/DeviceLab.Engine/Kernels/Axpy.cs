using System.Runtime.Intrinsics;

namespace DeviceLab.Engine.Kernels;

/// <summary>y += a · x, for F32 or F16 x (attention's weighted sum over cached values).</summary>
internal static unsafe class Axpy
{
    public static void F32(KernelChoice kernels, float a, float* x, float* y, int n)
    {
        var i = 0;
        switch (kernels.Path)
        {
            case KernelPath.Avx512:
                for (; i + 16 <= n; i += 16) (Vector512.Load(y + i) + a * Vector512.Load(x + i)).Store(y + i);
                break;
            case KernelPath.Avx2:
                for (; i + 8 <= n; i += 8) (Vector256.Load(y + i) + a * Vector256.Load(x + i)).Store(y + i);
                break;
            case KernelPath.Portable:
                for (; i + 4 <= n; i += 4) (Vector128.Load(y + i) + a * Vector128.Load(x + i)).Store(y + i);
                break;
        }
        for (; i < n; i++) y[i] += a * x[i];
    }

    public static void F16(KernelChoice kernels, float a, ushort* x, float* y, int n)
    {
        var i = 0;
        switch (kernels.Path)
        {
            case KernelPath.Avx512:
                for (; i + 16 <= n; i += 16) (Vector512.Load(y + i) + a * DotF16.Load16(x + i)).Store(y + i);
                break;
            case KernelPath.Avx2:
                for (; i + 8 <= n; i += 8) (Vector256.Load(y + i) + a * DotF16.Load8(x + i)).Store(y + i);
                break;
            case KernelPath.Portable:
                for (; i + 8 <= n; i += 8)
                {
                    var (low, high) = Vector128.Widen(Vector128.Load((short*)(x + i)));
                    (Vector128.Load(y + i) + a * HalfBits.ToSingle(low)).Store(y + i);
                    (Vector128.Load(y + i + 4) + a * HalfBits.ToSingle(high)).Store(y + i + 4);
                }
                break;
        }
        for (; i < n; i++) y[i] += a * HalfBits.ToSingle(x[i]);
    }
}
