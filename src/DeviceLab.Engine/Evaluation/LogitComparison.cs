using DeviceLab.Engine.Llama;

namespace DeviceLab.Engine.Evaluation;

/// <summary>
/// KL divergence and top-1 agreement of a variant (Q8_0, Q4_0, …) against a reference variant (usually F16
/// or F32) over the same text and windows. Both models advance chunk by chunk in step, so only one chunk of
/// reference log-probabilities is held at a time.
/// </summary>
public static class LogitComparison
{
    public static LogitAgreement Compare(LlamaContext reference, LlamaContext variant, IReadOnlyList<int> tokens, int windowTokens, int? stride = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(variant);
        var vocab = reference.Model.Config.VocabSize;
        if (variant.Model.Config.VocabSize != vocab)
            throw new ArgumentException($"the variant has {variant.Model.Config.VocabSize} tokens, the reference {vocab}: they are not variants of one model");
        var limit = Math.Min(reference.ContextLength, variant.ContextLength);
        if (windowTokens > limit)
            throw new ArgumentOutOfRangeException(nameof(windowTokens), windowTokens, $"a window of {windowTokens} tokens does not fit the {limit}-token context");

        var text = tokens as int[] ?? tokens.ToArray();
        var windows = SlidingWindow.Plan(text.Length, windowTokens, stride ?? Math.Max(1, windowTokens / 2));
        var chunk = Math.Min(reference.PrefillChunkTokens, variant.PrefillChunkTokens);
        var referenceLogProbs = new double[chunk * vocab]; // (chunk, vocab)
        var variantLogProbs = new double[vocab];
        var kl = new List<double>();
        int agree = 0;
        double referenceNll = 0, variantNll = 0;

        foreach (var window in windows)
        {
            reference.Reset();
            variant.Reset();
            for (var start = window.Start; start < window.Start + window.Length; start += chunk)
            {
                var count = Math.Min(chunk, window.Start + window.Length - start);
                var piece = text.AsSpan(start, count);
                reference.Evaluate(piece, (index, logits) => LogSoftmax.Into(logits, referenceLogProbs.AsSpan(index * vocab, vocab)));
                variant.Evaluate(piece, (index, logits) =>
                {
                    var predicted = start + index + 1;
                    if (predicted < window.FirstScored || predicted >= window.Start + window.Length) return;
                    LogSoftmax.Into(logits, variantLogProbs);
                    var p = referenceLogProbs.AsSpan(index * vocab, vocab);
                    var divergence = 0.0;
                    for (var i = 0; i < vocab; i++) divergence += Math.Exp(p[i]) * (p[i] - variantLogProbs[i]);
                    kl.Add(Math.Max(0, divergence));
                    if (ArgMax(p) == ArgMax(variantLogProbs)) agree++;
                    referenceNll -= p[text[predicted]];
                    variantNll -= variantLogProbs[text[predicted]];
                });
            }
        }

        var sorted = kl.Order().ToArray();
        return new LogitAgreement(
            MeanKlDivergence: kl.Average(),
            MedianKlDivergence: Percentile(sorted, 0.5),
            P99KlDivergence: Percentile(sorted, 0.99),
            MaxKlDivergence: sorted[^1],
            Top1Agreement: (double)agree / kl.Count,
            ScoredTokens: kl.Count,
            ReferencePerplexity: Math.Exp(referenceNll / kl.Count),
            VariantPerplexity: Math.Exp(variantNll / kl.Count));
    }

    private static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
