using DeviceLab.Core.Models;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Server.Models;

/// <summary>What an uploaded GGUF file is, as far as DeviceLab cares: checked with the engine's reader and llama
/// config (every tensor's shape), so a file the agent could not run is refused at the door.</summary>
/// <param name="GeneralName"><c>general.name</c>, when the file has one.</param>
public sealed record GgufInspection(string Architecture, long ParameterCount, QuantType QuantType, string? GeneralName)
{
    /// <exception cref="GgufFormatException">Not a valid llama GGUF, or weights of a type DeviceLab does not run.</exception>
    public static GgufInspection Of(string path)
    {
        using var file = GgufFile.Open(path);
        LlamaConfig.FromGguf(file);
        var architecture = file.Metadata.GetString(LlamaMetadataKeys.Architecture);
        var parameters = file.Tensors.Sum(t => t.ElementCount);
        var name = file.Metadata.TryGetString("general.name", out var n) && !string.IsNullOrWhiteSpace(n) ? n : null;
        return new GgufInspection(architecture, parameters, QuantTypeOf(file), name);
    }

    /// <summary>From <c>general.file_type</c> (llama.cpp's numbering), or — when absent — the type most weight matrices have.</summary>
    private static QuantType QuantTypeOf(GgufFile file)
    {
        if (file.Metadata.TryGetUInt32(LlamaMetadataKeys.FileType, out var fileType))
        {
            return fileType switch
            {
                0 => QuantType.F32,
                1 => QuantType.F16,
                2 => QuantType.Q4_0,
                7 => QuantType.Q8_0,
                14 or 15 => QuantType.Q4_K,
                _ => throw new GgufFormatException(
                    $"'{LlamaMetadataKeys.FileType}' is {fileType}; DeviceLab runs F32 (0), F16 (1), Q4_0 (2), Q8_0 (7) and Q4_K (14, 15) files"),
            };
        }
        var weights = file.Tensors.Where(t => t.Dimensions.Length == 2).GroupBy(t => t.Type).OrderByDescending(g => g.Count()).FirstOrDefault()
            ?? throw new GgufFormatException("the file has no weight matrices");
        return weights.Key switch
        {
            GgmlType.F32 => QuantType.F32,
            GgmlType.F16 => QuantType.F16,
            GgmlType.Q8_0 => QuantType.Q8_0,
            GgmlType.Q4_0 => QuantType.Q4_0,
            var other => throw new GgufFormatException($"most weight matrices are {GgmlTypes.NameOf(other)}, a type DeviceLab does not run"),
        };
    }
}
