using System.Runtime.Intrinsics;

namespace DeviceLab.Engine.Kernels;

/// <summary>SwiGLU gating in place: gate = silu(gate) ⊙ up, silu(g) = g / (1 + e^−g).</summary>
internal static unsafe class SwiGlu
{
    public static void Run(KernelChoice kernels, float* gate, float* up, int n)
    {
        var i = 0;
        switch (kernels.Path)
        {
            case KernelPath.Avx512:
                for (; i + 16 <= n; i += 16)
                {
                    var g = Vector512.Load(gate + i);
                    (g / (Vector512<float>.One + Vector512.Exp(-g)) * Vector512.Load(up + i)).Store(gate + i);
                }
                break;
            case KernelPath.Avx2:
                for (; i + 8 <= n; i += 8)
                {
                    var g = Vector256.Load(gate + i);
                    (g / (Vector256<float>.One + Vector256.Exp(-g)) * Vector256.Load(up + i)).Store(gate + i);
                }
                break;
            case KernelPath.Portable:
                for (; i + 4 <= n; i += 4)
                {
                    var g = Vector128.Load(gate + i);
                    (g / (Vector128<float>.One + Vector128.Exp(-g)) * Vector128.Load(up + i)).Store(gate + i);
                }
                break;
        }
        for (; i < n; i++) gate[i] = gate[i] / (1f + MathF.Exp(-gate[i])) * up[i];
    }
}
