using System.Runtime.Intrinsics;

namespace DeviceLab.Engine.Kernels;

/// <summary>Softmax in place, shifted by the maximum so no exponent overflows.</summary>
internal static unsafe class Softmax
{
    public static void Run(KernelChoice kernels, float* x, int n)
    {
        var max = float.NegativeInfinity;
        for (var j = 0; j < n; j++) max = MathF.Max(max, x[j]);
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
        for (var j = 0; j < n; j++) x[j] *= inverse;
    }
}
