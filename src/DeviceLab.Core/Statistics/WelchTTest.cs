namespace DeviceLab.Core.Statistics;

/// <summary>
/// Welch's two-sample t-test: no equal-variance assumption, degrees of freedom from the
/// Welch–Satterthwaite equation. The right test when two groups' spreads differ (two variants, two
/// device models); it needs at least two values per group.
/// </summary>
public static class WelchTTest
{
    /// <summary>Tests whether the second group's mean differs from the first's.</summary>
    /// <param name="count1">Size of the first group (≥ 2).</param>
    /// <param name="mean1">Mean of the first group.</param>
    /// <param name="stdDev1">Sample standard deviation (n − 1) of the first group.</param>
    /// <param name="count2">Size of the second group (≥ 2).</param>
    /// <param name="mean2">Mean of the second group.</param>
    /// <param name="stdDev2">Sample standard deviation (n − 1) of the second group.</param>
    public static TTestResult Compare(int count1, double mean1, double stdDev1, int count2, double mean2, double stdDev2)
    {
        TTestInput.Check(count1, mean1, stdDev1, nameof(count1), minimumCount: 2);
        TTestInput.Check(count2, mean2, stdDev2, nameof(count2), minimumCount: 2);

        var variance1 = stdDev1 * stdDev1 / count1; // variance of each mean
        var variance2 = stdDev2 * stdDev2 / count2;
        var standardError = Math.Sqrt(variance1 + variance2);
        var degreesOfFreedom = standardError == 0
            ? count1 + count2 - 2
            : (variance1 + variance2) * (variance1 + variance2)
              / (variance1 * variance1 / (count1 - 1) + variance2 * variance2 / (count2 - 1));
        return TTestResult.From(mean2 - mean1, standardError, degreesOfFreedom);
    }

    /// <inheritdoc cref="Compare(int, double, double, int, double, double)"/>
    public static TTestResult Compare(SampleSummary first, SampleSummary second) =>
        Compare(first.Count, first.Mean, first.StdDev, second.Count, second.Mean, second.StdDev);
}
