using DeviceLab.Engine.Evaluation;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Sampling;
using DeviceLab.Engine.Tensors;
using Xunit.Abstractions;

namespace DeviceLab.Engine.Tests.Evaluation;

[Collection(TinyModelCollection.Name)]
public sealed class EvaluationTests(TinyModels models, ITestOutputHelper output)
{
    [Fact]
    public void Text_the_model_generated_greedily_is_less_perplexing_to_it_than_the_same_tokens_shuffled()
    {
        using var model = LlamaModel.Load(models.F16);
        using var context = new LlamaContext(model, new LlamaContextOptions { ContextLength = 96 });
        var generated = Generate(context, 96);
        var shuffled = generated.ToArray();
        new Random(1).Shuffle(shuffled);

        var own = Perplexity.Measure(context, generated, windowTokens: 48);
        var scrambled = Perplexity.Measure(context, shuffled, windowTokens: 48);
        output.WriteLine($"greedy text: {own.Perplexity:F2}, shuffled: {scrambled.Perplexity:F2} (vocab {model.Config.VocabSize})");
        Assert.Equal(95, own.ScoredTokens);
        Assert.True(own.Perplexity < scrambled.Perplexity, $"{own.Perplexity} should be below {scrambled.Perplexity}");
    }

    [Fact]
    public void Perplexity_equals_exp_of_the_mean_negative_log_likelihood_of_each_token_once()
    {
        using var model = LlamaModel.Load(models.F32);
        using var context = new LlamaContext(model, new LlamaContextOptions { ContextLength = 16 });
        int[] text = [3, 99, 250, 7, 18, 400, 12, 5, 77, 300, 41];

        // By hand: one window holding the whole text scores tokens 1..10 from the logits before them.
        var nll = 0.0;
        context.Evaluate(text, (index, logits) =>
        {
            if (index + 1 >= text.Length) return;
            var max = logits.ToArray().Max();
            var log = max + Math.Log(logits.ToArray().Sum(l => Math.Exp(l - max)));
            nll += log - logits[text[index + 1]];
        });
        context.Reset();
        var measured = Perplexity.Measure(context, text, windowTokens: 16);
        Assert.Equal(Math.Exp(nll / 10), measured.Perplexity, 1e-9);
        Assert.Equal(1, measured.Windows);
    }

    [Fact]
    public void Sliding_windows_score_every_token_after_the_first_exactly_once()
    {
        var windows = SlidingWindow.Plan(textTokens: 10, windowTokens: 4, stride: 2);
        var scored = windows.SelectMany(w => Enumerable.Range(w.FirstScored, w.Start + w.Length - w.FirstScored)).ToArray();
        Assert.Equal(Enumerable.Range(1, 9), scored);
        Assert.All(windows, w => Assert.InRange(w.Length, 1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlidingWindow.Plan(10, 4, 5));
    }

    [Fact]
    public void A_variant_against_itself_has_zero_divergence_and_full_agreement()
    {
        using var model = LlamaModel.Load(models.Q4_0);
        using var a = new LlamaContext(model, new LlamaContextOptions { ContextLength = 64 });
        using var b = new LlamaContext(model, new LlamaContextOptions { ContextLength = 64 });
        var result = LogitComparison.Compare(a, b, Text(120), windowTokens: 64);
        Assert.Equal(0, result.MeanKlDivergence);
        Assert.Equal(0, result.MaxKlDivergence);
        Assert.Equal(1, result.Top1Agreement);
        Assert.Equal(119, result.ScoredTokens);
        Assert.Equal(result.ReferencePerplexity, result.VariantPerplexity);
    }

    [Fact]
    public void Divergence_from_the_f32_original_grows_from_f16_to_q8_0_to_q4_0()
    {
        using var reference = LlamaModel.Load(models.F32);
        using var referenceContext = new LlamaContext(reference, new LlamaContextOptions { ContextLength = 64 });
        var text = Text(120);
        var kl = new Dictionary<GgmlType, LogitAgreement>();
        foreach (var type in new[] { GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_0 })
        {
            using var variant = LlamaModel.Load(models.Path(type));
            using var variantContext = new LlamaContext(variant, new LlamaContextOptions { ContextLength = 64 });
            kl[type] = LogitComparison.Compare(referenceContext, variantContext, text, windowTokens: 64);
            output.WriteLine($"{type}: mean KL {kl[type].MeanKlDivergence:E3}, p99 {kl[type].P99KlDivergence:E3}, top-1 {kl[type].Top1Agreement:P1}, ppl {kl[type].VariantPerplexity:F3} vs {kl[type].ReferencePerplexity:F3}");
        }
        Assert.True(kl[GgmlType.F16].MeanKlDivergence > 0);
        Assert.True(kl[GgmlType.F16].MeanKlDivergence < kl[GgmlType.Q8_0].MeanKlDivergence);
        Assert.True(kl[GgmlType.Q8_0].MeanKlDivergence < kl[GgmlType.Q4_0].MeanKlDivergence);
    }

    [Fact]
    public void Comparing_models_of_different_vocabularies_is_refused()
    {
        using var small = LlamaModel.Load(models.F32);
        using var context = new LlamaContext(small, new LlamaContextOptions { ContextLength = 8 });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LogitComparison.Compare(context, context, Text(20), windowTokens: 32));
        Assert.Contains("does not fit", error.Message);
    }

    private static int[] Generate(LlamaContext context, int count)
    {
        var tokens = new List<int> { 1 };
        var sampler = new Sampler(context.Model.Config.VocabSize);
        context.Reset();
        var logits = context.Evaluate([1]);
        while (tokens.Count < count)
        {
            var next = sampler.Sample(logits);
            tokens.Add(next);
            if (tokens.Count < count) logits = context.Evaluate([next]);
        }
        context.Reset();
        return tokens.ToArray();
    }

    private static int[] Text(int count)
    {
        var random = new Random(9);
        return Enumerable.Range(0, count).Select(_ => random.Next(512)).ToArray();
    }
}
