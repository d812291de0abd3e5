using DeviceLab.Engine.Llama;

namespace DeviceLab.Engine.Bench;

/// <summary>How a <see cref="BenchSession"/> loads and runs a model.</summary>
public sealed record BenchSessionOptions
{
    /// <summary>Worker threads, including the calling one.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Positions the KV cache holds; null takes the model's trained context length. Must fit prompt + generated tokens.</summary>
    public int? ContextLength { get; init; }

    public KvCacheType KvCacheType { get; init; } = KvCacheType.F16;

    /// <summary>Prompt tokens processed per forward pass.</summary>
    public int PrefillChunkTokens { get; init; } = 128;

    /// <summary>Seeds the prompt tokens: the same seed gives the same prompt in every repetition and on every device.</summary>
    public int Seed { get; init; } = 1;
}
