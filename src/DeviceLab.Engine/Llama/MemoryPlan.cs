namespace DeviceLab.Engine.Llama;

/// <summary>
/// The memory a loaded model plans to use, by component. Weights are mapped from the file (page cache,
/// resident as they are read); the KV cache and scratch are native allocations sized up front.
/// </summary>
/// <param name="WeightsMappedBytes">Tensor data the forward pass reads from the memory-mapped file.</param>
/// <param name="KvCacheBytes">Keys and values for the whole context.</param>
/// <param name="ScratchBytes">Activations and work buffers for one prefill chunk.</param>
public sealed record MemoryPlan(long WeightsMappedBytes, long KvCacheBytes, long ScratchBytes)
{
    public long TotalBytes => WeightsMappedBytes + KvCacheBytes + ScratchBytes;
}
