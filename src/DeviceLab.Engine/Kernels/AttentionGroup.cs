using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// Attention of the query heads that share one key/value head (grouped-query attention), together: each
/// cached key and value row is loaded and widened from F16 once for the whole group instead of once per
/// query head, and each head's output stays in registers across all positions. AVX-512 for head dimensions
/// that are a multiple of 16 up to 128; other cases go head by head through <see cref="Attention.Head"/>.
/// </summary>
internal static unsafe class AttentionGroup
{
    private const int MaxGroup = 8;

    /// <summary>Query tokens one tile covers in <see cref="RunTokens"/>.</summary>
    public const int TileTokens = 8;

    /// <summary>
    /// Attention for up to <see cref="TileTokens"/> consecutive tokens of a batch at once: token i sits at
    /// position firstPosition + i and attends to positions [0, firstPosition + i]. With head dimension 64 on
    /// AVX-512 each cached key and value row is widened once for all the tokens and heads of the tile
    /// (prefill reads the same rows for every token); otherwise token by token through <see cref="Run"/>.
    /// </summary>
    /// <param name="q">Token 0's (group, headDim) queries; token i's start <paramref name="qStride"/> floats later.</param>
    /// <param name="scores">(tokens, group, firstPosition + tokens) scratch.</param>
    /// <param name="output">Token 0's (group, headDim) results; token i's start <paramref name="outputStride"/> floats later.</param>
    public static void RunTokens(
        KernelChoice kernels, float* q, long qStride, byte* keys, byte* values, bool halfCache, long rowBytes,
        int firstPosition, int tokens, int headDim, int group, float scale, float* scores, float* output, long outputStride)
    {
        if (tokens > TileTokens) throw new ArgumentOutOfRangeException(nameof(tokens), tokens, $"at most {TileTokens} tokens per tile");
        if (kernels.Path == KernelPath.Avx512 && headDim == 64 && group <= MaxGroup)
        {
            if (halfCache) Tile64<HalfRow>(kernels, q, qStride, keys, values, rowBytes, firstPosition, tokens, group, scale, scores, output, outputStride);
            else Tile64<FloatRow>(kernels, q, qStride, keys, values, rowBytes, firstPosition, tokens, group, scale, scores, output, outputStride);
            return;
        }
        for (var i = 0; i < tokens; i++)
            Run(kernels, q + i * qStride, keys, values, halfCache, rowBytes, firstPosition + i + 1, headDim, group, scale, scores, output + i * outputStride);
    }

    /// <param name="q">(group, headDim) the group's rotated queries, head after head.</param>
    /// <param name="scores">(group, positions) scratch.</param>
    /// <param name="output">(group, headDim) the results, head after head.</param>
    public static void Run(
        KernelChoice kernels, float* q, byte* keys, byte* values, bool halfCache, long rowBytes,
        int positions, int headDim, int group, float scale, float* scores, float* output)
    {
        if (kernels.Path != KernelPath.Avx512 || headDim % 16 != 0 || headDim > 128 || group > MaxGroup)
        {
            for (var g = 0; g < group; g++)
                Attention.Head(kernels, q + g * headDim, keys, values, halfCache, rowBytes, positions, headDim, scale, scores + (long)g * positions, output + g * headDim);
            return;
        }
        var chunks = headDim / 16;
        if (headDim == 64)
        {
            if (halfCache) Head64<HalfRow>(kernels, q, keys, values, rowBytes, positions, group, scale, scores, output);
            else Head64<FloatRow>(kernels, q, keys, values, rowBytes, positions, group, scale, scores, output);
            return;
        }
        if (halfCache) Scores<HalfRow>(q, keys, rowBytes, positions, chunks, group, scale, scores);
        else Scores<FloatRow>(q, keys, rowBytes, positions, chunks, group, scale, scores);
        for (var g = 0; g < group; g++) Softmax.Run(kernels, scores + (long)g * positions, positions);
        if (halfCache) Mix<HalfRow>(values, rowBytes, positions, chunks, group, scores, output);
        else Mix<FloatRow>(values, rowBytes, positions, chunks, group, scores, output);
    }

    /// <summary>
    /// Head dimension 64 (four 512-bit registers), the common case, written out so every accumulator stays in
    /// a register: keys are widened once per position for the whole group; values are widened once per block
    /// of 32 positions into an L1 buffer that every head of the group then sums over.
    /// </summary>
    private static void Head64<TRow>(
        KernelChoice kernels, float* q, byte* keys, byte* values, long rowBytes, int positions, int group, float scale, float* scores, float* output)
        where TRow : struct, ICacheRow
    {
        for (var t = 0; t < positions; t++)
        {
            var row = keys + t * rowBytes;
            Vector512<float> k0 = TRow.Load(row, 0), k1 = TRow.Load(row, 1), k2 = TRow.Load(row, 2), k3 = TRow.Load(row, 3);
            for (var g = 0; g < group; g++)
            {
                var qg = q + g * 64;
                var sum = Avx512F.FusedMultiplyAdd(k1, Vector512.Load(qg + 16), k0 * Vector512.Load(qg));
                sum = Avx512F.FusedMultiplyAdd(k2, Vector512.Load(qg + 32), sum);
                sum = Avx512F.FusedMultiplyAdd(k3, Vector512.Load(qg + 48), sum);
                scores[(long)g * positions + t] = scale * Vector512.Sum(sum);
            }
        }
        for (var g = 0; g < group; g++) Softmax.Run(kernels, scores + (long)g * positions, positions);

        const int Block = 32;
        var widened = stackalloc float[Block * 64]; // (block positions, 64) values as F32
        for (var g = 0; g < group; g++) new Span<float>(output + g * 64, 64).Clear();
        for (var t0 = 0; t0 < positions; t0 += Block)
        {
            var count = Math.Min(Block, positions - t0);
            Widen<TRow>(values + t0 * rowBytes, rowBytes, count, widened);
            for (var g = 0; g < group; g++) AddWeighted(output + g * 64, scores + (long)g * positions + t0, widened, count);
        }
    }

    /// <summary>
    /// Head dimension 64 for a tile of tokens: keys, then values, are widened 32 positions at a time into an
    /// L1 buffer, and every (token, head) of the tile that can see those positions works from the buffer
    /// with its query or its output in four registers.
    /// </summary>
    private static void Tile64<TRow>(
        KernelChoice kernels, float* q, long qStride, byte* keys, byte* values, long rowBytes,
        int firstPosition, int tokens, int group, float scale, float* scores, float* output, long outputStride)
        where TRow : struct, ICacheRow
    {
        const int Block = 32;
        var span = firstPosition + tokens; // positions the last token sees; also the scores row length
        var widened = stackalloc float[Block * 64]; // (block positions, 64)

        for (var start = 0; start < span; start += Block)
        {
            var count = Math.Min(Block, span - start);
            Widen<TRow>(keys + start * rowBytes, rowBytes, count, widened);
            for (var i = 0; i < tokens; i++)
            {
                var visible = Math.Min(count, firstPosition + i + 1 - start);
                for (var g = 0; g < group; g++)
                {
                    var qg = q + i * qStride + g * 64;
                    Vector512<float> q0 = Vector512.Load(qg), q1 = Vector512.Load(qg + 16), q2 = Vector512.Load(qg + 32), q3 = Vector512.Load(qg + 48);
                    var row = scores + ((long)i * group + g) * span + start;
                    for (var j = 0; j < visible; j++)
                    {
                        var k = widened + j * 64;
                        var sum = Avx512F.FusedMultiplyAdd(q1, Vector512.Load(k + 16), q0 * Vector512.Load(k));
                        sum = Avx512F.FusedMultiplyAdd(q2, Vector512.Load(k + 32), sum);
                        sum = Avx512F.FusedMultiplyAdd(q3, Vector512.Load(k + 48), sum);
                        row[j] = scale * Vector512.Sum(sum);
                    }
                }
            }
        }

        for (var i = 0; i < tokens; i++)
        {
            for (var g = 0; g < group; g++)
            {
                Softmax.Run(kernels, scores + ((long)i * group + g) * span, firstPosition + i + 1);
                new Span<float>(output + i * outputStride + g * 64, 64).Clear();
            }
        }

        for (var start = 0; start < span; start += Block)
        {
            var count = Math.Min(Block, span - start);
            Widen<TRow>(values + start * rowBytes, rowBytes, count, widened);
            for (var i = 0; i < tokens; i++)
            {
                var visible = Math.Min(count, firstPosition + i + 1 - start);
                for (var g = 0; g < group; g++)
                {
                    AddWeighted(output + i * outputStride + g * 64, scores + ((long)i * group + g) * span + start, widened, visible);
                }
            }
        }
    }

    /// <summary>output(64) += Σ_j weights[j] · widened(j, 64): the weighted sum of the widened value rows, kept in four
    /// registers for the whole block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddWeighted(float* output, float* weights, float* widened, int count)
    {
        Vector512<float> a0 = Vector512.Load(output), a1 = Vector512.Load(output + 16), a2 = Vector512.Load(output + 32), a3 = Vector512.Load(output + 48);
        for (var j = 0; j < count; j++)
        {
            var p = Vector512.Create(weights[j]);
            var v = widened + j * 64;
            a0 = Avx512F.FusedMultiplyAdd(p, Vector512.Load(v), a0);
            a1 = Avx512F.FusedMultiplyAdd(p, Vector512.Load(v + 16), a1);
            a2 = Avx512F.FusedMultiplyAdd(p, Vector512.Load(v + 32), a2);
            a3 = Avx512F.FusedMultiplyAdd(p, Vector512.Load(v + 48), a3);
        }
        a0.Store(output);
        a1.Store(output + 16);
        a2.Store(output + 32);
        a3.Store(output + 48);
    }

    /// <summary>(count, 64) floats from <paramref name="count"/> cache rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Widen<TRow>(byte* rows, long rowBytes, int count, float* destination) where TRow : struct, ICacheRow
    {
        for (var j = 0; j < count; j++)
        {
            var row = rows + j * rowBytes;
            for (var c = 0; c < 4; c++) TRow.Load(row, c).Store(destination + j * 64 + c * 16);
        }
    }

    /// <summary>scores(g, t) = scale · q_g · k_t.</summary>
    private static void Scores<TRow>(float* q, byte* keys, long rowBytes, int positions, int chunks, int group, float scale, float* scores)
        where TRow : struct, ICacheRow
    {
        var headDim = chunks * 16;
        var key = stackalloc Vector512<float>[8];
        for (var t = 0; t < positions; t++)
        {
            var row = keys + t * rowBytes;
            for (var c = 0; c < chunks; c++) key[c] = TRow.Load(row, c);
            for (var g = 0; g < group; g++)
            {
                var qg = q + g * headDim;
                var sum = key[0] * Vector512.Load(qg);
                for (var c = 1; c < chunks; c++) sum = Avx512F.FusedMultiplyAdd(key[c], Vector512.Load(qg + c * 16), sum);
                scores[(long)g * positions + t] = scale * Vector512.Sum(sum);
            }
        }
    }

    /// <summary>output_g = Σ_t scores(g, t) · v_t, accumulated in registers.</summary>
    private static void Mix<TRow>(byte* values, long rowBytes, int positions, int chunks, int group, float* scores, float* output)
        where TRow : struct, ICacheRow
    {
        var headDim = chunks * 16;
        var accumulators = stackalloc Vector512<float>[MaxGroup * 8];
        for (var i = 0; i < group * chunks; i++) accumulators[i] = Vector512<float>.Zero;
        for (var t = 0; t < positions; t++)
        {
            var row = values + t * rowBytes;
            for (var c = 0; c < chunks; c++)
            {
                var value = TRow.Load(row, c);
                for (var g = 0; g < group; g++)
                {
                    ref var acc = ref accumulators[g * chunks + c];
                    acc = Avx512F.FusedMultiplyAdd(Vector512.Create(scores[(long)g * positions + t]), value, acc);
                }
            }
        }
        for (var g = 0; g < group; g++)
            for (var c = 0; c < chunks; c++) accumulators[g * chunks + c].Store(output + g * headDim + c * 16);
    }

    private interface ICacheRow
    {
        static abstract Vector512<float> Load(byte* row, int chunk);
    }

    private readonly struct HalfRow : ICacheRow
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Load(byte* row, int chunk) => DotF16.Load16((ushort*)row + chunk * 16);
    }

    private readonly struct FloatRow : ICacheRow
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Load(byte* row, int chunk) => Vector512.Load((float*)row + chunk * 16);
    }
}
