using System.Runtime.Intrinsics;

namespace DeviceLab.Engine.Kernels;

/// <summary>RMSNorm: out = x / sqrt(mean(x²) + ε) ⊙ weight.</summary>
internal static unsafe class RmsNorm
{
    public static void Run(KernelChoice kernels, float* x, float* weight, float* output, int n, float epsilon)
    {
        var scale = 1f / MathF.Sqrt(SumOfSquares(kernels, x, n) / n + epsilon);
        var i = 0;
        switch (kernels.Path)
        {
            case KernelPath.Avx512:
                for (; i + 16 <= n; i += 16) (Vector512.Load(x + i) * scale * Vector512.Load(weight + i)).Store(output + i);
                break;
            case KernelPath.Avx2:
                for (; i + 8 <= n; i += 8) (Vector256.Load(x + i) * scale * Vector256.Load(weight + i)).Store(output + i);
                break;
            case KernelPath.Portable:
                for (; i + 4 <= n; i += 4) (Vector128.Load(x + i) * scale * Vector128.Load(weight + i)).Store(output + i);
                break;
        }
        for (; i < n; i++) output[i] = x[i] * scale * weight[i];
    }

    private static float SumOfSquares(KernelChoice kernels, float* x, int n)
    {
        var i = 0;
        var sum = 0f;
        switch (kernels.Path)
        {
            case KernelPath.Avx512:
                var a512 = Vector512<float>.Zero;
                for (; i + 16 <= n; i += 16) a512 += Vector512.Load(x + i) * Vector512.Load(x + i);
                sum = Vector512.Sum(a512);
                break;
            case KernelPath.Avx2:
                var a256 = Vector256<float>.Zero;
                for (; i + 8 <= n; i += 8) a256 += Vector256.Load(x + i) * Vector256.Load(x + i);
                sum = Vector256.Sum(a256);
                break;
            case KernelPath.Portable:
                var a128 = Vector128<float>.Zero;
                for (; i + 4 <= n; i += 4) a128 += Vector128.Load(x + i) * Vector128.Load(x + i);
                sum = Vector128.Sum(a128);
                break;
        }
        for (; i < n; i++) sum += x[i] * x[i];
        return sum;
    }
}
