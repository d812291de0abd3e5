using DeviceLab.Engine.Kernels;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Llama;

/// <summary>Batching, chunking, threads and limits of the forward pass.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class LlamaContextTests(TinyModels models)
{
    private static readonly int[] Prompt = [1, 17, 200, 33, 4, 511, 90, 2, 250, 64, 301];

    /// <summary>
    /// Batched prefill sums each dot product in another order than decode (tiles vs rows), so logits agree to
    /// float32 rounding accumulated over the layers: 5e-5 of the largest logit (observed up to 1.1e-5).
    /// </summary>
    [Theory]
    [InlineData(GgmlType.F16)]
    [InlineData(GgmlType.Q4_0)]
    public void A_batched_prompt_gives_the_logits_of_feeding_it_token_by_token(GgmlType type)
    {
        using var model = LlamaModel.Load(models.Path(type));
        var oneByOne = LastLogits(model, new LlamaContextOptions { ContextLength = 32 }, Prompt.Select(t => new[] { t }));
        var batched = LastLogits(model, new LlamaContextOptions { ContextLength = 32 }, [Prompt]);
        AssertClose(oneByOne, batched, 5e-5);
    }

    [Fact]
    public void Batched_prefill_with_tiled_attention_gives_the_logits_of_feeding_tokens_one_by_one()
    {
        using var model = LlamaModel.Load(models.Head64Q4_0);
        var prompt = Enumerable.Range(0, 27).Select(i => (i * 37 + 5) % 512).ToArray();
        var oneByOne = LastLogits(model, new LlamaContextOptions { ContextLength = 40 }, prompt.Select(t => new[] { t }));
        var batched = LastLogits(model, new LlamaContextOptions { ContextLength = 40, PrefillChunkTokens = 20 }, [prompt[..3], prompt[3..]]);
        AssertClose(oneByOne, batched, 5e-5);
    }

    [Fact]
    public void Chunked_prefill_gives_the_logits_of_one_big_chunk()
    {
        using var model = LlamaModel.Load(models.Q8_0);
        var whole = LastLogits(model, new LlamaContextOptions { ContextLength = 32, PrefillChunkTokens = 64 }, [Prompt]);
        var chunked = LastLogits(model, new LlamaContextOptions { ContextLength = 32, PrefillChunkTokens = 3 }, [Prompt]);
        AssertClose(whole, chunked, 1e-5);
    }

    [Theory]
    [InlineData(GgmlType.F32)]
    [InlineData(GgmlType.Q4_0)]
    public void Two_threads_compute_exactly_what_one_thread_computes(GgmlType type)
    {
        using var model = LlamaModel.Load(models.Path(type));
        var one = LastLogits(model, new LlamaContextOptions { ContextLength = 32, Threads = 1 }, [Prompt, [5], [6]]);
        var two = LastLogits(model, new LlamaContextOptions { ContextLength = 32, Threads = 2 }, [Prompt, [5], [6]]);
        Assert.Equal(one, two);
    }

    [Fact]
    public void Reset_starts_a_new_sequence()
    {
        using var model = LlamaModel.Load(models.F16);
        using var context = new LlamaContext(model, new LlamaContextOptions { ContextLength = 32 });
        var first = context.Evaluate(Prompt).ToArray();
        context.Evaluate([3, 4]);
        context.Reset();
        Assert.Equal(0, context.Position);
        Assert.Equal(first, context.Evaluate(Prompt).ToArray());
    }

    [Fact]
    public void Evaluating_past_the_context_limit_is_a_clear_error_and_keeps_the_position()
    {
        using var model = LlamaModel.Load(models.F32);
        using var context = new LlamaContext(model, new LlamaContextOptions { ContextLength = 8 });
        context.Evaluate([1, 2, 3, 4, 5, 6]);
        var error = Assert.Throws<InvalidOperationException>(() => context.Evaluate([7, 8, 9]));
        Assert.Contains("8-token context", error.Message);
        Assert.Equal(6, context.Position);
        context.Evaluate([7, 8]);
        Assert.Equal(8, context.Position);
    }

    [Fact]
    public void A_token_outside_the_vocabulary_is_rejected_before_anything_runs()
    {
        using var model = LlamaModel.Load(models.F32);
        using var context = new LlamaContext(model, new LlamaContextOptions { ContextLength = 8 });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => context.Evaluate([1, 512]));
        Assert.Contains("token id 512", error.Message);
        Assert.Equal(0, context.Position);
    }

    [Fact]
    public void The_memory_plan_counts_weights_cache_and_scratch()
    {
        using var model = LlamaModel.Load(models.Q4_0);
        using var f16 = new LlamaContext(model, new LlamaContextOptions { ContextLength = 100, KvCacheType = KvCacheType.F16 });
        using var f32 = new LlamaContext(model, new LlamaContextOptions { ContextLength = 100, KvCacheType = KvCacheType.F32 });
        var c = model.Config;
        Assert.Equal(2L * c.BlockCount * 100 * c.KvDimension * 2, f16.MemoryPlan.KvCacheBytes);
        Assert.Equal(2 * f16.MemoryPlan.KvCacheBytes, f32.MemoryPlan.KvCacheBytes);
        Assert.Equal(model.File.Tensors.Sum(t => t.ByteSize), f16.MemoryPlan.WeightsMappedBytes);
        Assert.InRange(f16.MemoryPlan.ScratchBytes, 1, 4 << 20);
    }

    [Fact]
    public void An_unsupported_kernel_path_is_refused_with_the_reason()
    {
        using var model = LlamaModel.Load(models.F32);
        var missing = KernelChoice.All.FirstOrDefault(k => !KernelChoice.IsSupported(k, out _));
        if (missing == default) missing = new KernelChoice(KernelPath.Scalar, Vnni: true); // never supported: VNNI needs a SIMD path
        var error = Assert.Throws<NotSupportedException>(() => new LlamaContext(model, new LlamaContextOptions { Kernels = missing }));
        Assert.Contains("cannot run here", error.Message);
    }

    private static float[] LastLogits(LlamaModel model, LlamaContextOptions options, IEnumerable<int[]> batches)
    {
        using var context = new LlamaContext(model, options);
        float[] logits = [];
        foreach (var batch in batches) logits = context.Evaluate(batch).ToArray();
        return logits;
    }

    private static void AssertClose(float[] expected, float[] actual, double relative)
    {
        var scale = expected.Max(Math.Abs);
        var worst = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= relative * scale, $"max |Δ| {worst:E3} exceeds {relative:E1} × {scale:E3}");
    }
}
