namespace DeviceLab.Engine.Kernels;

/// <summary>
/// The input of a matrix multiply for a batch of tokens: F32 rows (F32 and F16 weights use them) and,
/// for quantized weights, the same rows already quantized to Q8_0 — quantized once per input and shared by
/// every matrix that reads it (Q, K and V; gate and up).
/// </summary>
internal readonly unsafe struct MatMulInput(float* values, long stride, Q8Activations? quantized)
{
    /// <summary>(tokens, stride) F32 activations; the first Columns of each row are used.</summary>
    public float* Values { get; } = values;

    public long Stride { get; } = stride;

    /// <summary>(tokens, columns) Q8_0 activations, or null when no quantized matrix reads this input.</summary>
    public Q8Activations? Quantized { get; } = quantized;
}
