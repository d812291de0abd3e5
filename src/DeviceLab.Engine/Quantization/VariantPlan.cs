using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Quantization;

/// <summary>One tensor of a variant: where it comes from, what it becomes, and why when it is not the requested type.</summary>
public sealed record VariantTensor(GgufTensorInfo Source, GgmlType Type, string? SkipReason);

/// <summary>Decides each tensor's type in a variant. Pure: no I/O.</summary>
public static class VariantPlan
{
    /// <summary>The metadata key listing tensors kept unquantized, as "name: reason".</summary>
    public const string SkippedKey = "devicelab.quantization.skipped";

    public const uint QuantizationVersion = 2;

    /// <summary>Types a variant can be built as.</summary>
    public static IReadOnlyList<GgmlType> SupportedTypes { get; } = [GgmlType.F32, GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_0];

    /// <summary>Plans every tensor of <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException">An unsupported target type.</exception>
    /// <exception cref="GgufFormatException">A source tensor is already quantized to another type.</exception>
    public static IReadOnlyList<VariantTensor> Plan(GgufFile source, VariantOptions options)
    {
        foreach (var type in new[] { options.Type, options.EmbeddingType ?? options.Type, options.OutputType ?? options.Type })
        {
            if (!SupportedTypes.Contains(type))
                throw new ArgumentException($"cannot build a {GgmlTypes.NameOf(type)} variant (supported: {string.Join(", ", SupportedTypes.Select(GgmlTypes.NameOf))})");
        }
        return source.Tensors.Select(t => PlanTensor(t, options)).ToList();
    }

    /// <summary><c>general.file_type</c> of a variant whose matrices are <paramref name="type"/> ("mostly" that type).</summary>
    public static uint FileType(GgmlType type) => type switch
    {
        GgmlType.F32 => 0,
        GgmlType.F16 => 1,
        GgmlType.Q4_0 => 2,
        GgmlType.Q8_0 => 7,
        _ => throw new ArgumentException($"no file type for {GgmlTypes.NameOf(type)}", nameof(type)),
    };

    private static VariantTensor PlanTensor(GgufTensorInfo tensor, VariantOptions options)
    {
        // Norms and other vectors stay F32: they are tiny and quantizing them costs quality for nothing.
        if (LlamaTensorNames.IsNorm(tensor.Name) || tensor.Dimensions.Length == 1)
            return new VariantTensor(tensor, IsFloat(tensor.Type) ? GgmlType.F32 : tensor.Type, null);

        var wanted = tensor.Name switch
        {
            LlamaTensorNames.TokenEmbedding => options.EmbeddingType ?? options.Type,
            LlamaTensorNames.Output => options.OutputType ?? options.Type,
            _ => options.Type,
        };
        if (tensor.Type == wanted) return new VariantTensor(tensor, wanted, null);
        if (!IsFloat(tensor.Type))
            throw new GgufFormatException(
                $"tensor '{tensor.Name}' is already {GgmlTypes.NameOf(tensor.Type)}; build variants from an f32 or f16 file");

        var traits = wanted.Traits();
        if (!traits.FitsRow(tensor.RowLength))
        {
            var reason = $"rows of {tensor.RowLength} elements are not a multiple of the {traits.Name} block size {traits.BlockElements}; kept {GgmlTypes.NameOf(tensor.Type)}";
            return new VariantTensor(tensor, tensor.Type, reason);
        }
        return new VariantTensor(tensor, wanted, null);
    }

    private static bool IsFloat(GgmlType type) => type is GgmlType.F32 or GgmlType.F16;
}
