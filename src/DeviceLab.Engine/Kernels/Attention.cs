namespace DeviceLab.Engine.Kernels;

/// <summary>
/// Scaled dot-product attention of one query head over the cached keys and values of its key/value head:
/// out = Σ_t softmax_t(q·k_t · scale) · v_t over positions t in [0, positions). Cache rows are F16 or F32.
/// </summary>
internal static unsafe class Attention
{
    /// <param name="q">(headDim) the query, already rotated.</param>
    /// <param name="keys">The first cached key row of this head: (positions, rowBytes apart).</param>
    /// <param name="values">The first cached value row of this head.</param>
    /// <param name="scores">(positions) scratch.</param>
    /// <param name="output">(headDim) the result.</param>
    public static void Head(
        KernelChoice kernels, float* q, byte* keys, byte* values, bool halfCache, long rowBytes,
        int positions, int headDim, float scale, float* scores, float* output)
    {
        for (var t = 0; t < positions; t++)
        {
            var row = keys + t * rowBytes;
            scores[t] = scale * (halfCache ? DotF16.Row(kernels, (ushort*)row, q, headDim) : DotF32.Row(kernels, (float*)row, q, headDim));
        }
        Softmax.Run(kernels, scores, positions);
        new Span<float>(output, headDim).Clear();
        for (var t = 0; t < positions; t++)
        {
            var row = values + t * rowBytes;
            if (halfCache) Axpy.F16(kernels, scores[t], (ushort*)row, output, headDim);
            else Axpy.F32(kernels, scores[t], (float*)row, output, headDim);
        }
    }
}
