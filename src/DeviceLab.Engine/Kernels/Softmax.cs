using System.Runtime.Intrinsics;

namespace DeviceLab.Engine.Kernels;

/// <summary>Softmax in place, shifted by the maximum so no exponent overflows.</summary>
internal static unsafe class Softmax
{
    public static void Run(KernelChoice kernels, float* x, int n)
    {
        var max = Max(kernels, x, n);
        var sum = 0f;
        var i = 0;
        switch (kernels.Path)
        {
            case KernelPath.Avx512:
                var s512 = Vector512<float>.Zero;
                for (; i + 16 <= n; i += 16)
                {
                    var e = Vector512.Exp(Vector512.Load(x + i) - Vector512.Create(max));
                    e.Store(x + i);
                    s512 += e;
                }
                sum = Vector512.Sum(s512);
                break;
            case KernelPath.Avx2:
                var s256 = Vector256<float>.Zero;
                for (; i + 8 <= n; i += 8)
                {
                    var e = Vector256.Exp(Vector256.Load(x + i) - Vector256.Create(max));
                    e.Store(x + i);
                    s256 += e;
                }
                sum = Vector256.Sum(s256);
                break;
            case KernelPath.Portable:
                var s128 = Vector128<float>.Zero;
                for (; i + 4 <= n; i += 4)
                {
                    var e = Vector128.Exp(Vector128.Load(x + i) - Vector128.Create(max));
                    e.Store(x + i);
                    s128 += e;
                }
                sum = Vector128.Sum(s128);
                break;
        }
        for (; i < n; i++)
        {
            x[i] = MathF.Exp(x[i] - max);
            sum += x[i];
        }
        var inverse = 1f / sum;
        var k = 0;
        if (kernels.Path == KernelPath.Avx512)
            for (; k + 16 <= n; k += 16) (Vector512.Load(x + k) * inverse).Store(x + k);
        for (; k < n; k++) x[k] *= inverse;
    }

    private static float Max(KernelChoice kernels, float* x, int n)
    {
        var max = float.NegativeInfinity;
        var i = 0;
        if (kernels.Path == KernelPath.Avx512 && n >= 16)
        {
            var m = Vector512.Load(x);
            for (i = 16; i + 16 <= n; i += 16) m = Vector512.Max(m, Vector512.Load(x + i));
            var m256 = Vector256.Max(m.GetLower(), m.GetUpper());
            var m128 = Vector128.Max(m256.GetLower(), m256.GetUpper());
            max = MathF.Max(MathF.Max(m128[0], m128[1]), MathF.Max(m128[2], m128[3]));
        }
        for (; i < n; i++) max = MathF.Max(max, x[i]);
        return max;
    }
}
