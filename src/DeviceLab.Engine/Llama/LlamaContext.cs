using DeviceLab.Engine.Kernels;
using DeviceLab.Engine.Tensors;
using DeviceLab.Engine.Threading;

namespace DeviceLab.Engine.Llama;

/// <summary>
/// Runs a <see cref="LlamaModel"/>: the KV cache, scratch buffers, worker threads and the forward pass.
/// Tokens are evaluated in order from <see cref="Position"/>; a batch of several tokens (a prompt) goes
/// through in chunks of <see cref="LlamaContextOptions.PrefillChunkTokens"/> so each weight is read once
/// per chunk, and scratch memory is bounded by the chunk size. Nothing is allocated per token.
/// Not thread-safe: one caller at a time.
/// </summary>
public sealed unsafe class LlamaContext : IDisposable
{
    private readonly LlamaModel _model;
    private readonly LlamaWeights _weights;
    private readonly LlamaConfig _config;
    private readonly KvCache _cache;
    private readonly WorkerPool _pool;
    private readonly int _chunk;
    private readonly GgmlTypeTraits _embeddingTraits;

    // Scratch for one chunk of C tokens (C = _chunk), like llama2.c's RunState.
    private readonly NativeBuffer<float> _x;          // (C, dim) residual stream
    private readonly NativeBuffer<float> _xb;         // (C, dim) normalized input of a sub-layer
    private readonly NativeBuffer<float> _q;          // (C, n_heads·head_dim) queries
    private readonly NativeBuffer<float> _k;          // (C, kv_dim) keys of this chunk
    private readonly NativeBuffer<float> _v;          // (C, kv_dim) values of this chunk
    private readonly NativeBuffer<float> _attention;  // (C, n_heads·head_dim) attention output, heads side by side
    private readonly NativeBuffer<float> _hidden;     // (C, ff) silu(gate) ⊙ up
    private readonly NativeBuffer<float> _up;         // (C, ff) up projection
    private readonly NativeBuffer<float> _scores;     // (threads, 8 tokens, group, context) attention weights per worker
    private readonly NativeBuffer<float> _rope;       // (C, 2, rope_dims/2) cos then sin per chunk position
    private NativeBuffer<float> _logits;              // (1 or C, vocab)
    private readonly Q8Activations _normQ8;           // (C, dim) _xb quantized, read by Q/K/V and gate/up
    private readonly Q8Activations _attentionQ8;      // (C, dim) _attention quantized, read by the output projection
    private readonly Q8Activations _hiddenQ8;         // (C, ff) _hidden quantized, read by the down projection

    private readonly MatMulStep _matMul;
    private readonly FeedForwardStep _feedForward;
    private readonly AttentionStep _attentionStep;

    public LlamaContext(LlamaModel model, LlamaContextOptions? options = null)
    {
        options ??= new LlamaContextOptions();
        _model = model;
        _weights = model.Weights;
        _config = model.Config;
        ContextLength = options.ContextLength ?? _config.ContextLength;
        if (ContextLength < 1)
            throw new ArgumentOutOfRangeException(nameof(options), ContextLength, "the context length must be at least 1 token");
        if (options.Threads < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "threads must be at least 1");
        if (options.PrefillChunkTokens < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.PrefillChunkTokens, "the prefill chunk must be at least 1 token");
        Kernels = options.Kernels ?? KernelChoice.Best;
        if (!KernelChoice.IsSupported(Kernels, out var reason))
            throw new NotSupportedException($"kernel path {Kernels} cannot run here: {reason}");
        _embeddingTraits = _weights.TokenEmbedding.Type.Traits();
        _chunk = Math.Min(options.PrefillChunkTokens, ContextLength);

        int c = _chunk, dim = _config.EmbeddingLength, kv = _config.KvDimension, ff = _config.FeedForwardLength;
        _cache = new KvCache(_config.BlockCount, ContextLength, kv, options.KvCacheType);
        _pool = new WorkerPool(options.Threads);
        _x = new NativeBuffer<float>((long)c * dim);
        _xb = new NativeBuffer<float>((long)c * dim);
        _q = new NativeBuffer<float>((long)c * dim);
        _k = new NativeBuffer<float>((long)c * kv);
        _v = new NativeBuffer<float>((long)c * kv);
        _attention = new NativeBuffer<float>((long)c * dim);
        _hidden = new NativeBuffer<float>((long)c * ff);
        _up = new NativeBuffer<float>((long)c * ff);
        _scores = new NativeBuffer<float>((long)options.Threads * AttentionGroup.TileTokens * _config.GroupSize * ContextLength);
        _rope = new NativeBuffer<float>((long)c * _config.RopeDimensionCount);
        _logits = new NativeBuffer<float>(_config.VocabSize);
        _normQ8 = new Q8Activations(dim, c);
        _attentionQ8 = new Q8Activations(dim, c);
        _hiddenQ8 = new Q8Activations(ff, c);
        _matMul = new MatMulStep(Kernels);
        _feedForward = new FeedForwardStep(Kernels);
        _attentionStep = new AttentionStep(Kernels, _config, _cache, _scores.Pointer);
    }

    public LlamaModel Model => _model;

    /// <summary>Tokens evaluated so far: the position the next token takes.</summary>
    public int Position { get; private set; }

    /// <summary>Positions the cache holds.</summary>
    public int ContextLength { get; }

    public KernelChoice Kernels { get; }

    public int Threads => _pool.ThreadCount;

    public int PrefillChunkTokens => _chunk;

    public KvCacheType KvCacheType => _cache.Type;

    /// <summary>Memory by component, as planned when the context was created.</summary>
    public MemoryPlan MemoryPlan => new(_weights.MappedBytes, _cache.Bytes, ScratchBytes);

    private long ScratchBytes =>
        _x.Bytes + _xb.Bytes + _q.Bytes + _k.Bytes + _v.Bytes + _attention.Bytes + _hidden.Bytes + _up.Bytes +
        _scores.Bytes + _rope.Bytes + _logits.Bytes + _normQ8.Bytes + _attentionQ8.Bytes + _hiddenQ8.Bytes;

    /// <summary>Forgets every position: the next token starts a new sequence at position 0.</summary>
    public void Reset() => Position = 0;

    /// <summary>Evaluates <paramref name="tokens"/> and returns the (vocab) logits after the last one, valid until the next call.</summary>
    public ReadOnlySpan<float> Evaluate(scoped ReadOnlySpan<int> tokens)
    {
        if (tokens.IsEmpty) throw new ArgumentException("no tokens to evaluate", nameof(tokens));
        Check(tokens);
        for (var start = 0; start < tokens.Length; start += _chunk)
        {
            var count = Math.Min(_chunk, tokens.Length - start);
            var last = start + count == tokens.Length;
            Forward(tokens.Slice(start, count), logitsFrom: last ? count - 1 : count);
        }
        return new ReadOnlySpan<float>(_logits.Pointer, _config.VocabSize);
    }

    /// <summary>Evaluates <paramref name="tokens"/> and hands <paramref name="sink"/> the logits after every one of them.</summary>
    public void Evaluate(ReadOnlySpan<int> tokens, TokenLogits sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Check(tokens);
        if (_logits.Length < (long)_chunk * _config.VocabSize)
        {
            _logits.Dispose();
            _logits = new NativeBuffer<float>((long)_chunk * _config.VocabSize);
        }
        for (var start = 0; start < tokens.Length; start += _chunk)
        {
            var count = Math.Min(_chunk, tokens.Length - start);
            Forward(tokens.Slice(start, count), logitsFrom: 0);
            for (var t = 0; t < count; t++)
                sink(start + t, new ReadOnlySpan<float>(_logits.Pointer + (long)t * _config.VocabSize, _config.VocabSize));
        }
    }

    private void Check(ReadOnlySpan<int> tokens)
    {
        if (Position + tokens.Length > ContextLength)
            throw new InvalidOperationException(
                $"{tokens.Length} more token(s) at position {Position} would exceed the {ContextLength}-token context");
        foreach (var token in tokens)
        {
            if ((uint)token >= (uint)_config.VocabSize)
                throw new ArgumentOutOfRangeException(nameof(tokens), token, $"token id {token} is outside the vocabulary (0..{_config.VocabSize - 1})");
        }
    }

    /// <summary>
    /// One chunk of C ≤ _chunk tokens at positions p0 … p0+C−1 through every layer; logits for the tokens
    /// from index <paramref name="logitsFrom"/> on go to _logits, one (vocab) row each.
    /// </summary>
    private void Forward(ReadOnlySpan<int> tokens, int logitsFrom)
    {
        var c = tokens.Length;
        var p0 = Position;
        int dim = _config.EmbeddingLength, kv = _config.KvDimension, ff = _config.FeedForwardLength;
        int heads = _config.HeadCount, kvHeads = _config.HeadCountKv, headDim = _config.HeadDimension;
        var ropeHalf = _config.RopeDimensionCount / 2;
        float* x = _x.Pointer, xb = _xb.Pointer, q = _q.Pointer, k = _k.Pointer, v = _v.Pointer;
        float* attention = _attention.Pointer, hidden = _hidden.Pointer, rope = _rope.Pointer;

        for (var t = 0; t < c; t++)
        {
            Embed(tokens[t], x + (long)t * dim);
            Rope.Angles(p0 + t, _config.RopeDimensionCount, _config.RopeFreqBase, rope + (long)t * 2 * ropeHalf, rope + (long)t * 2 * ropeHalf + ropeHalf);
        }

        for (var l = 0; l < _weights.Layers.Length; l++)
        {
            var layer = _weights.Layers[l];

            // Attention: xb = rmsnorm(x); q, k, v = xb · (Wq, Wk, Wv)ᵀ; rotate q and k; cache k and v.
            var normed = Normalize(x, layer.AttentionNorm, c, layer.Query.NeedsQ8Input || layer.Key.NeedsQ8Input || layer.Value.NeedsQ8Input);
            _pool.Run(_matMul.Begin(c).Add(layer.Query, normed, q, dim).Add(layer.Key, normed, k, kv).Add(layer.Value, normed, v, kv));
            for (var t = 0; t < c; t++)
            {
                float* cos = rope + (long)t * 2 * ropeHalf, sin = cos + ropeHalf;
                Rope.Apply(q + (long)t * dim, heads, headDim, _config.RopeDimensionCount, cos, sin);
                Rope.Apply(k + (long)t * kv, kvHeads, headDim, _config.RopeDimensionCount, cos, sin);
                _cache.Store(l, p0 + t, k + (long)t * kv, v + (long)t * kv);
            }
            _pool.Run(_attentionStep.Set(l, p0, c, q, attention));

            // x += attention · Woᵀ
            var mixed = Input(attention, dim, _attentionQ8, c, layer.AttentionOutput.NeedsQ8Input);
            _pool.Run(_matMul.Begin(c).Add(layer.AttentionOutput, mixed, x, dim, accumulate: true));

            // Feed-forward: xb = rmsnorm(x); hidden = silu(xb · Wgateᵀ) ⊙ (xb · Wupᵀ); x += hidden · Wdownᵀ
            normed = Normalize(x, layer.FeedForwardNorm, c, layer.Gate.NeedsQ8Input || layer.Up.NeedsQ8Input);
            var quantizeHidden = layer.Down.NeedsQ8Input;
            _pool.Run(_feedForward.Set(layer.Gate, layer.Up, normed, hidden, _up.Pointer, c, quantizeHidden ? _hiddenQ8 : null));
            var gated = new MatMulInput(hidden, ff, quantizeHidden ? _hiddenQ8 : null);
            _pool.Run(_matMul.Begin(c).Add(layer.Down, gated, x, dim, accumulate: true));
        }

        // logits = rmsnorm(x) · Woutputᵀ, only for the tokens that need them.
        if (logitsFrom < c)
        {
            var rows = c - logitsFrom;
            var last = x + (long)logitsFrom * dim;
            for (var t = 0; t < rows; t++) RmsNorm.Run(Kernels, last + (long)t * dim, _weights.OutputNorm, xb + (long)t * dim, dim, _config.RmsNormEpsilon);
            var output = Input(xb, dim, _normQ8, rows, _weights.Output.NeedsQ8Input);
            _pool.Run(_matMul.Begin(rows).Add(_weights.Output, output, _logits.Pointer, _config.VocabSize));
        }
        Position += c;
    }

    /// <summary>xb(t) = rmsnorm(x(t)) ⊙ weight for every token, quantized when a quantized matrix reads it.</summary>
    private MatMulInput Normalize(float* x, float* weight, int tokens, bool quantize)
    {
        var dim = _config.EmbeddingLength;
        for (var t = 0; t < tokens; t++) RmsNorm.Run(Kernels, x + (long)t * dim, weight, _xb.Pointer + (long)t * dim, dim, _config.RmsNormEpsilon);
        return Input(_xb.Pointer, dim, _normQ8, tokens, quantize);
    }

    private MatMulInput Input(float* values, int columns, Q8Activations quantized, int tokens, bool quantize)
    {
        if (!quantize) return new MatMulInput(values, columns, null);
        QuantizeQ8.Rows(Kernels, values, columns, quantized, tokens);
        return new MatMulInput(values, columns, quantized);
    }

    /// <summary>(dim) row of the token embedding, dequantized.</summary>
    private void Embed(int token, float* destination)
    {
        var embedding = _weights.TokenEmbedding;
        var row = new ReadOnlySpan<byte>(embedding.Row(token), (int)embedding.RowBytes);
        _embeddingTraits.Type.Codec().Dequantize(row, new Span<float>(destination, embedding.Columns));
    }

    public void Dispose()
    {
        _pool.Dispose();
        _cache.Dispose();
        foreach (var buffer in new[] { _x, _xb, _q, _k, _v, _attention, _hidden, _up, _scores, _rope, _logits }) buffer.Dispose();
        _normQ8.Dispose();
        _attentionQ8.Dispose();
        _hiddenQ8.Dispose();
    }
}
