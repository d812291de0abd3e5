namespace DeviceLab.Core.Statistics;

/// <summary>The argument checks every t-test shares, so each names the bad group the same way.</summary>
internal static class TTestInput
{
    public static void Check(int count, double mean, double stdDev, string countName, int minimumCount)
    {
        if (count < minimumCount)
            throw new ArgumentOutOfRangeException(countName, count, $"This test needs at least {minimumCount} value(s) per group.");
        if (!double.IsFinite(mean))
            throw new ArgumentException($"The mean of group '{countName}' is {mean}, not a finite number.", countName);
        if (!double.IsFinite(stdDev) || stdDev < 0)
            throw new ArgumentException($"The standard deviation of group '{countName}' is {stdDev}; it must be finite and ≥ 0.", countName);
    }
}
