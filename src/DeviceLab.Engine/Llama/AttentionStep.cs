using DeviceLab.Engine.Kernels;
using DeviceLab.Engine.Threading;

namespace DeviceLab.Engine.Llama;

/// <summary>
/// Causal grouped-query attention for a batch of tokens as one parallel step over (token tile, key/value head)
/// pairs: token t of the batch (at position p0 + t) attends to cached positions [0, p0 + t]; the query heads
/// kv·group … kv·group + group − 1 read key/value head kv, and are computed together, for up to 8 tokens at a
/// time so prefill widens each cached row once per tile rather than once per token.
/// </summary>
/// <param name="scores">(threads, tile tokens, group, context) attention weights, one slab per worker.</param>
internal sealed unsafe class AttentionStep(KernelChoice kernels, LlamaConfig config, KvCache cache, float* scores) : ParallelWork
{
    private readonly float _scale = 1f / MathF.Sqrt(config.HeadDimension);
    private float* _queries;
    private float* _output;
    private int _layer;
    private int _firstPosition;
    private int _tokens;

    /// <param name="queries">(tokens, n_heads·head_dim) rotated queries.</param>
    /// <param name="output">(tokens, n_heads·head_dim) receives each head's mix of values.</param>
    public AttentionStep Set(int layer, int firstPosition, int tokens, float* queries, float* output)
    {
        _layer = layer;
        _firstPosition = firstPosition;
        _tokens = tokens;
        _queries = queries;
        _output = output;
        return this;
    }

    public override void Execute(int worker, int workers)
    {
        int kvHeads = config.HeadCountKv, group = config.GroupSize, headDim = config.HeadDimension, qDim = config.HeadCount * headDim;
        const int Tile = AttentionGroup.TileTokens;
        var elementBytes = cache.Type == KvCacheType.F16 ? 2 : 4;
        var workerScores = scores + (long)worker * Tile * group * cache.ContextLength;
        var tiles = (_tokens + Tile - 1) / Tile;
        var (start, end) = Share(tiles * kvHeads, worker, workers);
        for (var item = start; item < end; item++)
        {
            int tile = item / kvHeads, kv = item % kvHeads;
            var first = tile * Tile;
            var kvHeadOffset = (long)kv * headDim * elementBytes;
            var firstHead = (long)first * qDim + kv * group * headDim;
            AttentionGroup.RunTokens(
                kernels, _queries + firstHead, qDim, cache.Keys(_layer) + kvHeadOffset, cache.Values(_layer) + kvHeadOffset,
                cache.Type == KvCacheType.F16, cache.RowBytes, _firstPosition + first, Math.Min(Tile, _tokens - first), headDim, group, _scale,
                workerScores, _output + firstHead, qDim);
        }
    }
}
