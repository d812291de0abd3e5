using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// y(t, r) = Σ_c W(r, c) · x(t, c) for a range of output rows and a batch of tokens — the one operation
/// decode time is spent in. Workers each take a row range, so the weights are read once per call in total.
/// With several tokens (prefill) rows go in small panels that stay in L1 while every token passes over them,
/// so each weight is read from memory once per batch rather than once per token.
/// </summary>
internal static unsafe class MatMul
{
    /// <summary>Rows per panel in batched mode: 16 rows of Q8_0 × 1536 columns is 26 KiB, inside L1.</summary>
    private const int PanelRows = 16;

    public static void Run(
        KernelChoice kernels, in WeightMatrix w, in MatMulInput x, int tokens,
        float* y, long yStride, int rowStart, int rowEnd, bool accumulate)
    {
        if (w.NeedsQ8Input && (x.Quantized is null || x.Quantized.Columns != w.Columns || x.Quantized.Capacity < tokens))
            throw new InvalidOperationException($"a {w.Type} matrix needs {tokens} token(s) of {w.Columns}-column Q8_0 activations");
        if (tokens == 1)
        {
            Rows(kernels, w, x, 0, y, rowStart, rowEnd, accumulate);
            return;
        }
        for (var panel = rowStart; panel < rowEnd; panel += PanelRows)
        {
            var panelEnd = Math.Min(rowEnd, panel + PanelRows);
            for (var t = 0; t < tokens; t++) Rows(kernels, w, x, t, y + t * yStride, panel, panelEnd, accumulate);
        }
    }

    private static void Rows(KernelChoice kernels, in WeightMatrix w, in MatMulInput x, int token, float* y, int rowStart, int rowEnd, bool accumulate)
    {
        switch (w.Type)
        {
            case GgmlType.Q4_0:
                DotQ4_0.Rows(kernels, w, Q8Row.Of(x.Quantized!, token), y, rowStart, rowEnd, accumulate);
                break;
            case GgmlType.Q8_0:
                DotQ8_0.Rows(kernels, w, Q8Row.Of(x.Quantized!, token), y, rowStart, rowEnd, accumulate);
                break;
            case GgmlType.F16:
                DotF16.Rows(kernels, w, x.Values + token * x.Stride, y, rowStart, rowEnd, accumulate);
                break;
            case GgmlType.F32:
                DotF32.Rows(kernels, w, x.Values + token * x.Stride, y, rowStart, rowEnd, accumulate);
                break;
            default:
                throw new NotSupportedException($"the engine cannot multiply {w.Type} weights");
        }
    }
}
