namespace DeviceLab.Core.Statistics;

/// <summary>
/// Student's two-sample t-test with pooled variance (equal variances assumed). Its degrees of freedom
/// are n₁ + n₂ − 2 however small one group is, which is what lets a change-point test reach a verdict
/// with only three or four nights after the change: the short group borrows the long group's variance.
/// </summary>
public static class StudentTTest
{
    /// <summary>Tests whether the second group's mean differs from the first's.</summary>
    /// <param name="count1">Size of the first group (≥ 1).</param>
    /// <param name="mean1">Mean of the first group.</param>
    /// <param name="stdDev1">Sample standard deviation (n − 1) of the first group; ignored when count1 is 1.</param>
    /// <param name="count2">Size of the second group (≥ 1); the two sizes together must be at least 3.</param>
    /// <param name="mean2">Mean of the second group.</param>
    /// <param name="stdDev2">Sample standard deviation (n − 1) of the second group.</param>
    public static TTestResult Compare(int count1, double mean1, double stdDev1, int count2, double mean2, double stdDev2)
    {
        TTestInput.Check(count1, mean1, stdDev1, nameof(count1), minimumCount: 1);
        TTestInput.Check(count2, mean2, stdDev2, nameof(count2), minimumCount: 1);
        if (count1 + count2 < 3)
            throw new ArgumentException($"A pooled t-test needs at least 3 values in total, got {count1} + {count2}.", nameof(count2));

        var degreesOfFreedom = count1 + count2 - 2;
        var pooledVariance = ((count1 - 1) * stdDev1 * stdDev1 + (count2 - 1) * stdDev2 * stdDev2) / degreesOfFreedom;
        var standardError = Math.Sqrt(pooledVariance * (1.0 / count1 + 1.0 / count2));
        return TTestResult.From(mean2 - mean1, standardError, degreesOfFreedom);
    }

    /// <inheritdoc cref="Compare(int, double, double, int, double, double)"/>
    public static TTestResult Compare(SampleSummary first, SampleSummary second) =>
        Compare(first.Count, first.Mean, first.StdDev, second.Count, second.Mean, second.StdDev);
}
