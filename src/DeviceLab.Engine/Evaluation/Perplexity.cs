using DeviceLab.Engine.Llama;

namespace DeviceLab.Engine.Evaluation;

/// <summary>
/// Perplexity over a tokenized text with sliding windows (<see cref="SlidingWindow"/>): each window is run
/// from an empty cache and scores the tokens the previous windows did not.
/// </summary>
public static class Perplexity
{
    /// <param name="context">The model to evaluate; its cache is reset for every window. Its context must hold a window.</param>
    /// <param name="tokens">The text.</param>
    /// <param name="windowTokens">Tokens per window (at most the context length).</param>
    /// <param name="stride">Tokens between window starts; null is half a window.</param>
    public static PerplexityResult Measure(LlamaContext context, IReadOnlyList<int> tokens, int windowTokens, int? stride = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (windowTokens > context.ContextLength)
            throw new ArgumentOutOfRangeException(nameof(windowTokens), windowTokens, $"a window of {windowTokens} tokens does not fit the {context.ContextLength}-token context");
        var windows = SlidingWindow.Plan(tokens.Count, windowTokens, stride ?? Math.Max(1, windowTokens / 2));
        var text = tokens as int[] ?? tokens.ToArray();
        var totalNll = 0.0;
        var scored = 0;
        foreach (var window in windows)
        {
            context.Reset();
            context.Evaluate(text.AsSpan(window.Start, window.Length), (index, logits) =>
            {
                var predicted = window.Start + index + 1;
                if (predicted < window.FirstScored || predicted >= window.Start + window.Length) return;
                totalNll += LogSoftmax.LogSumExp(logits) - logits[text[predicted]];
                scored++;
            });
        }
        var mean = totalNll / scored;
        return new PerplexityResult(Math.Exp(mean), mean, scored, windowTokens, windows.Count);
    }
}
