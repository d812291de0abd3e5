namespace DeviceLab.Engine.Sampling;

/// <summary>
/// Picks the next token: greedy, or a seeded draw from the temperature-scaled softmax restricted by top-k
/// and then top-p. Buffers are sized once for the vocabulary, so sampling allocates nothing per token, and
/// only the candidates that can matter are sorted (the top K; for top-p alone, the tokens above llama2.c's
/// bound (1 − P)/(V − 1), below which no token can be in the nucleus). Draws come from SplitMix64, so a seed
/// gives the same tokens on every platform and runtime version.
/// </summary>
public sealed class Sampler
{
    private readonly SamplerOptions _options;
    private readonly int[] _indices;        // (vocab) candidate token ids
    private readonly float[] _weights;      // (vocab) candidate weights e^((logit − max)/T), aligned with _indices
    private ulong _state;

    public Sampler(int vocabSize, SamplerOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabSize);
        _options = options ?? SamplerOptions.Greedy;
        _options.Validate();
        _indices = new int[vocabSize];
        _weights = new float[vocabSize];
        _state = _options.Seed;
    }

    public SamplerOptions Options => _options;

    /// <summary>The next token for <paramref name="logits"/> (vocab).</summary>
    public int Sample(ReadOnlySpan<float> logits)
    {
        if (logits.Length != _indices.Length)
            throw new ArgumentException($"expected {_indices.Length} logits, got {logits.Length}", nameof(logits));
        if (_options.Temperature <= 0) return ArgMax(logits);

        var max = logits[ArgMax(logits)];
        int count;
        var sorted = false;
        if (_options.TopK > 0 && _options.TopK < logits.Length)
        {
            count = SelectTopK(logits, _options.TopK);
            sorted = true;
        }
        else
        {
            count = logits.Length;
            for (var i = 0; i < count; i++) _indices[i] = i;
        }

        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            _weights[i] = MathF.Exp((logits[_indices[i]] - max) / _options.Temperature);
            sum += _weights[i];
        }

        if (_options.TopP < 1)
        {
            if (!sorted)
            {
                // Tokens under (1 − P)/(V − 1) of the mass cannot reach the nucleus: drop them before sorting.
                var floor = (1 - _options.TopP) / (count - 1) * sum;
                var kept = 0;
                for (var i = 0; i < count; i++)
                {
                    if (_weights[i] < floor) continue;
                    _indices[kept] = _indices[i];
                    _weights[kept++] = _weights[i];
                }
                count = kept;
                SortDescending(count);
            }
            var cumulative = 0.0;
            for (var i = 0; i < count; i++)
            {
                cumulative += _weights[i];
                if (cumulative >= _options.TopP * sum)
                {
                    count = i + 1;
                    sum = cumulative;
                    break;
                }
            }
        }

        var target = NextUnit() * sum;
        var acc = 0.0;
        for (var i = 0; i < count; i++)
        {
            acc += _weights[i];
            if (target < acc) return _indices[i];
        }
        return _indices[count - 1];
    }

    /// <summary>The most likely token; the lowest id wins a tie.</summary>
    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best]) best = i;
        }
        return best;
    }

    /// <summary>The K largest logits' ids into _indices[0..K), largest first (ties: lower id first).</summary>
    private int SelectTopK(ReadOnlySpan<float> logits, int k)
    {
        // A min-heap of the best K so far, keyed by logit (then by higher id being "smaller").
        var heap = _indices.AsSpan(0, k);
        for (var i = 0; i < k; i++) heap[i] = i;
        for (var i = k / 2 - 1; i >= 0; i--) SiftDown(heap, i, logits);
        for (var i = k; i < logits.Length; i++)
        {
            if (!Better(i, heap[0], logits)) continue;
            heap[0] = i;
            SiftDown(heap, 0, logits);
        }
        for (var i = 0; i < k; i++) _weights[i] = logits[heap[i]];
        SortDescending(k);
        return k;
    }

    private static bool Better(int a, int b, ReadOnlySpan<float> logits) => logits[a] > logits[b] || (logits[a] == logits[b] && a < b);

    private static void SiftDown(Span<int> heap, int i, ReadOnlySpan<float> logits)
    {
        while (true)
        {
            int left = 2 * i + 1, right = left + 1, smallest = i;
            if (left < heap.Length && Better(heap[smallest], heap[left], logits)) smallest = left;
            if (right < heap.Length && Better(heap[smallest], heap[right], logits)) smallest = right;
            if (smallest == i) return;
            (heap[i], heap[smallest]) = (heap[smallest], heap[i]);
            i = smallest;
        }
    }

    /// <summary>Orders _indices[0..count) by _weights descending (ties: lower id first), keeping them aligned.</summary>
    private void SortDescending(int count)
    {
        var weights = _weights.AsSpan(0, count);
        var indices = _indices.AsSpan(0, count);
        for (var i = 0; i < count; i++) weights[i] = -weights[i];
        weights.Sort(indices);
        for (var i = 0; i < count; i++) weights[i] = -weights[i];
        // Span.Sort is not stable: restore id order inside runs of equal weight so results do not depend on it.
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && weights[end] == weights[start]) end++;
            if (end - start > 1) indices[start..end].Sort();
            start = end;
        }
    }

    /// <summary>Uniform in [0, 1) from SplitMix64.</summary>
    private double NextUnit()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
