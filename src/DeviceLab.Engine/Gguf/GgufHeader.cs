using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Gguf;

/// <summary>Everything before the data section of a GGUF file, validated.</summary>
internal sealed record GgufHeader(
    uint Version,
    GgufMetadata Metadata,
    IReadOnlyList<GgufTensorInfo> Tensors,
    int Alignment,
    long DataOffset);
