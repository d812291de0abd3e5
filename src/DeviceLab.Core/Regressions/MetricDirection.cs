namespace DeviceLab.Core.Regressions;

/// <summary>Which way a metric gets better; decides whether a change is a regression or an improvement.</summary>
public enum MetricDirection
{
    /// <summary>Smaller is better: ms/token, time to first token, peak memory, mJ/token.</summary>
    LowerIsBetter,

    /// <summary>Larger is better: tokens/s, top-1 agreement.</summary>
    HigherIsBetter,
}
