using System.Collections.Frozen;

namespace DeviceLab.Engine.Tensors;

/// <summary>
/// The table of ggml type layouts. New types (Q4_K next) are one row here plus their codec;
/// nothing else switches on the type to learn sizes.
/// </summary>
public static class GgmlTypes
{
    private static readonly FrozenDictionary<GgmlType, GgmlTypeTraits> Table = new GgmlTypeTraits[]
    {
        new(GgmlType.F32, "f32", 1, 4, CanCompute: true) { Codec = F32Codec.Instance },
        new(GgmlType.F16, "f16", 1, 2, CanCompute: true) { Codec = F16Codec.Instance },
        new(GgmlType.Q4_0, "q4_0", 32, 18, CanCompute: true) { Codec = Q4_0Codec.Instance },
        new(GgmlType.Q4_1, "q4_1", 32, 20, CanCompute: false),
        new(GgmlType.Q5_0, "q5_0", 32, 22, CanCompute: false),
        new(GgmlType.Q5_1, "q5_1", 32, 24, CanCompute: false),
        new(GgmlType.Q8_0, "q8_0", 32, 34, CanCompute: true) { Codec = Q8_0Codec.Instance },
        new(GgmlType.Q8_1, "q8_1", 32, 36, CanCompute: false),
        new(GgmlType.Q2_K, "q2_k", 256, 84, CanCompute: false),
        new(GgmlType.Q3_K, "q3_k", 256, 110, CanCompute: false),
        new(GgmlType.Q4_K, "q4_k", 256, 144, CanCompute: false),
        new(GgmlType.Q5_K, "q5_k", 256, 176, CanCompute: false),
        new(GgmlType.Q6_K, "q6_k", 256, 210, CanCompute: false),
        new(GgmlType.Q8_K, "q8_k", 256, 292, CanCompute: false),
        new(GgmlType.BF16, "bf16", 1, 2, CanCompute: false),
    }.ToFrozenDictionary(t => t.Type);

    /// <summary>Every type with a known layout.</summary>
    public static IEnumerable<GgmlTypeTraits> All => Table.Values.OrderBy(t => (uint)t.Type);

    /// <summary>The layout of <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is not a known ggml type.</exception>
    public static GgmlTypeTraits Traits(this GgmlType type) =>
        Table.TryGetValue(type, out var traits)
            ? traits
            : throw new ArgumentOutOfRangeException(nameof(type), $"unknown ggml type id {(uint)type}");

    /// <summary>The float32 codec of <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">The engine has no codec for the type yet.</exception>
    public static IRowCodec Codec(this GgmlType type) =>
        type.Traits().Codec ?? throw new NotSupportedException($"this engine cannot convert {NameOf(type)} tensors yet");

    /// <summary>Looks up a raw type id as read from a file.</summary>
    public static bool TryGetTraits(uint rawType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GgmlTypeTraits? traits) =>
        Table.TryGetValue((GgmlType)rawType, out traits);

    /// <summary>Parses a name such as "q8_0" or "F16" (case-insensitive).</summary>
    public static bool TryParse(string name, out GgmlType type)
    {
        foreach (var traits in Table.Values)
        {
            if (string.Equals(traits.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                type = traits.Type;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>The lower-case ggml name of a type ("q4_0"), or "type N" for an unknown id.</summary>
    public static string NameOf(GgmlType type) =>
        Table.TryGetValue(type, out var traits) ? traits.Name : $"type {(uint)type}";
}
