using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Quantization;

/// <summary>What a variant build produces.</summary>
/// <param name="Type">Type of the weight matrices (and the file's <c>general.file_type</c>).</param>
public sealed record VariantOptions(GgmlType Type)
{
    /// <summary>Type of <c>token_embd.weight</c>; defaults to <see cref="Type"/> (llama.cpp's "pure" variants).</summary>
    public GgmlType? EmbeddingType { get; init; }

    /// <summary>Type of <c>output.weight</c>; defaults to <see cref="Type"/>.</summary>
    public GgmlType? OutputType { get; init; }

    /// <summary>Called after each tensor is written.</summary>
    public Action<GgufWriteProgress>? Progress { get; init; }
}
