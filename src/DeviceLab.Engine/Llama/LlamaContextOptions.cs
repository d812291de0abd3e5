using DeviceLab.Engine.Kernels;

namespace DeviceLab.Engine.Llama;

/// <summary>How a <see cref="LlamaContext"/> runs a model.</summary>
public sealed record LlamaContextOptions
{
    /// <summary>Positions the KV cache holds; null takes the model's trained context length.</summary>
    public int? ContextLength { get; init; }

    public KvCacheType KvCacheType { get; init; } = KvCacheType.F16;

    /// <summary>Worker threads, including the calling one. 1 runs everything on the calling thread.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Tokens a prompt is processed in at a time: scratch memory grows with it, weight reuse too.</summary>
    public int PrefillChunkTokens { get; init; } = 128;

    /// <summary>Kernel path; null picks the fastest this CPU supports.</summary>
    public KernelChoice? Kernels { get; init; }
}
