namespace DeviceLab.Engine.Evaluation;

/// <summary>log softmax in double precision: what every evaluation metric is computed from.</summary>
internal static class LogSoftmax
{
    /// <summary>log Σ e^logit, shifted by the maximum.</summary>
    public static double LogSumExp(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var l in logits) max = MathF.Max(max, l);
        var sum = 0.0;
        foreach (var l in logits) sum += Math.Exp(l - max);
        return max + Math.Log(sum);
    }

    /// <summary>Writes log p_i for every token.</summary>
    public static void Into(ReadOnlySpan<float> logits, Span<double> destination)
    {
        var normalizer = LogSumExp(logits);
        for (var i = 0; i < logits.Length; i++) destination[i] = logits[i] - normalizer;
    }
}
