using DeviceLab.Engine.Kernels;
using DeviceLab.Engine.Llama;

namespace DeviceLab.Engine.Bench;

/// <summary>How the engine runs the model on this device: recorded with every result.</summary>
/// <param name="Path">Kernel path chosen at run time, for reports ("AVX-512 + AVX-VNNI", "AVX2", "NEON (Vector128)", "scalar").</param>
/// <param name="Choice">The same as a value.</param>
/// <param name="Threads">Worker threads.</param>
/// <param name="ContextLength">Positions the KV cache holds.</param>
/// <param name="KvCacheType">F16 or F32 cache entries.</param>
/// <param name="PrefillChunkTokens">Prompt tokens per forward pass.</param>
/// <param name="Memory">Planned memory by component.</param>
public sealed record BenchKernelInfo(
    string Path,
    KernelChoice Choice,
    int Threads,
    int ContextLength,
    KvCacheType KvCacheType,
    int PrefillChunkTokens,
    MemoryPlan Memory);
