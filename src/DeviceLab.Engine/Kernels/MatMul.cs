using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// y(t, r) = Σ_c W(r, c) · x(t, c) for a range of output rows and a batch of tokens — the one operation
/// decode time is spent in. Workers each take a row range, so the weights are read once per call in total.
/// With several tokens (prefill) rows go in small panels that stay in L1 while every token passes over them,
/// so each weight is read from memory once per batch rather than once per token; where a tile kernel exists,
/// a row meets 8 tokens at once so each weight block is unpacked once for all of them, and Q4_0 / Q8_0 with
/// AVX-VNNI use <see cref="QuantizedPanel"/>, which multiplies 8 rows by 4 tokens per step.
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
        if (tokens >= QuantizedPanel.Tokens && QuantizedPanel.Applies(kernels, w.Type))
        {
            PanelRun(kernels, w, x, tokens, y, yStride, rowStart, rowEnd, accumulate);
            return;
        }
        var tile = TileTokens(kernels, w.Type);
        var results = stackalloc float[16];
        // Two rows per tile need 16 accumulators + operands: only the 32 zmm registers of AVX-512 hold them.
        var pairs = tile == 8 && kernels.Path == KernelPath.Avx512 && w.Type is GgmlType.F16 or GgmlType.F32;
        for (var panel = rowStart; panel < rowEnd; panel += PanelRows)
        {
            var panelEnd = Math.Min(rowEnd, panel + PanelRows);
            var t = 0;
            for (; tile > 0 && t + tile <= tokens; t += tile)
            {
                var r = panel;
                for (; pairs && r + 1 < panelEnd; r += 2)
                {
                    TilePair(w, x, t, r, results);
                    for (var i = 0; i < 8; i++)
                    {
                        Output.Store(y + (t + i) * yStride + r, results[i], accumulate);
                        Output.Store(y + (t + i) * yStride + r + 1, results[8 + i], accumulate);
                    }
                }
                for (; r < panelEnd; r++)
                {
                    Tile(kernels, w, x, t, r, results);
                    for (var i = 0; i < tile; i++) Output.Store(y + (t + i) * yStride + r, results[i], accumulate);
                }
            }
            for (; t < tokens; t++) Rows(kernels, w, x, t, y + t * yStride, panel, panelEnd, accumulate);
        }
    }

    /// <summary>
    /// Batched Q4_0 / Q8_0 with AVX-VNNI: 8 rows at a time re-laid into an L1 buffer (<see cref="QuantizedPanel"/>) and
    /// multiplied against 4 tokens per call; leftover rows and tokens go through the per-row kernels.
    /// </summary>
    private static void PanelRun(
        KernelChoice kernels, in WeightMatrix w, in MatMulInput x, int tokens, float* y, long yStride, int rowStart, int rowEnd, bool accumulate)
    {
        var blocks = w.Columns / 32;
        var packed = stackalloc byte[blocks * QuantizedPanel.BlockBytes + 64];
        var aligned = (byte*)(((nint)packed + 63) & ~(nint)63);
        var scales = stackalloc float[blocks * QuantizedPanel.Rows];
        var quantized = x.Quantized!;
        var q4 = w.Type == GgmlType.Q4_0;
        var row = rowStart;
        var fullTokens = tokens / QuantizedPanel.Tokens * QuantizedPanel.Tokens;
        for (; row + QuantizedPanel.Rows <= rowEnd; row += QuantizedPanel.Rows)
        {
            QuantizedPanel.Pack(w, row, aligned, scales);
            for (var t = 0; t < fullTokens; t += QuantizedPanel.Tokens)
                QuantizedPanel.Multiply(aligned, scales, blocks, quantized, t, q4, y + t * yStride + row, yStride, accumulate);
            for (var t = fullTokens; t < tokens; t++) Rows(kernels, w, x, t, y + t * yStride, row, row + QuantizedPanel.Rows, accumulate);
        }
        for (var t = 0; row < rowEnd && t < tokens; t++) Rows(kernels, w, x, t, y + t * yStride, row, rowEnd, accumulate);
    }

    /// <summary>Tokens a prefill tile covers for this path and type; 0 when there is no tile kernel (rows go one token at a time).</summary>
    internal static int TileTokens(KernelChoice kernels, GgmlType type) => (kernels.Path, type) switch
    {
        (KernelPath.Avx512, GgmlType.F16 or GgmlType.F32) => 8,
        (KernelPath.Avx512, GgmlType.Q4_0) => 8,
        (KernelPath.Avx2, GgmlType.F16) => 8,
        _ => 0,
    };

    /// <summary>Rows <paramref name="row"/> and row + 1 against 8 tokens (F16, F32): 16 results, row by row.</summary>
    private static void TilePair(in WeightMatrix w, in MatMulInput x, int firstToken, int row, float* results)
    {
        var activations = x.Values + firstToken * x.Stride;
        if (w.Type == GgmlType.F16)
            DotF16.Tile8x2Avx512((ushort*)w.Row(row), (ushort*)w.Row(row + 1), activations, x.Stride, w.Columns, results);
        else
            DotF32.Tile8x2Avx512((float*)w.Row(row), (float*)w.Row(row + 1), activations, x.Stride, w.Columns, results);
    }

    private static void Tile(KernelChoice kernels, in WeightMatrix w, in MatMulInput x, int firstToken, int row, float* results)
    {
        switch (w.Type)
        {
            case GgmlType.Q4_0:
                DotQ4_0.Tile8Avx512(w.Row(row), x.Quantized!, firstToken, w.Columns / 32, results);
                break;
            case GgmlType.F16 when kernels.Path == KernelPath.Avx2:
                DotF16.Tile8Avx2((ushort*)w.Row(row), x.Values + firstToken * x.Stride, x.Stride, w.Columns, results);
                break;
            case GgmlType.F16:
                DotF16.Tile8Avx512((ushort*)w.Row(row), x.Values + firstToken * x.Stride, x.Stride, w.Columns, results);
                break;
            case GgmlType.F32:
                DotF32.Tile8Avx512((float*)w.Row(row), x.Values + firstToken * x.Stride, x.Stride, w.Columns, results);
                break;
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
