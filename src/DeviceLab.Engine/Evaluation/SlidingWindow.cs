namespace DeviceLab.Engine.Evaluation;

/// <summary>
/// How a long text is cut into windows of at most <c>windowTokens</c>: each window starts <c>stride</c>
/// tokens after the previous one and scores only the tokens no earlier window scored, so every token
/// after the first is predicted exactly once, with at least <c>windowTokens − stride</c> tokens of context
/// once the first window is past.
/// </summary>
/// <param name="Start">Index of the window's first token in the text.</param>
/// <param name="Length">Tokens in the window.</param>
/// <param name="FirstScored">Index (in the text) of the first token this window scores; it is predicted from the logits at FirstScored − 1.</param>
public readonly record struct SlidingWindow(int Start, int Length, int FirstScored)
{
    public static IReadOnlyList<SlidingWindow> Plan(int textTokens, int windowTokens, int stride)
    {
        if (windowTokens < 2) throw new ArgumentOutOfRangeException(nameof(windowTokens), windowTokens, "a window needs at least 2 tokens");
        if (stride < 1 || stride > windowTokens)
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"the stride must be between 1 and the window ({windowTokens})");
        if (textTokens < 2) throw new ArgumentException($"the text has {textTokens} token(s); at least 2 are needed to score one", nameof(textTokens));
        var windows = new List<SlidingWindow>();
        var scoredUpTo = 1; // token 0 has nothing before it to be predicted from
        for (var start = 0; scoredUpTo < textTokens; start += stride)
        {
            var length = Math.Min(windowTokens, textTokens - start);
            windows.Add(new SlidingWindow(start, length, scoredUpTo));
            scoredUpTo = start + length;
        }
        return windows;
    }
}
