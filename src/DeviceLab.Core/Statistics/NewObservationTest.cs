namespace DeviceLab.Core.Statistics;

/// <summary>
/// Tests one new observation against a baseline sample: is it outside what the baseline predicts?
/// Uses the t prediction interval, t = (x − mean) / (s·√(1 + 1/n)) with n − 1 degrees of freedom,
/// because a single new night has the baseline's night-to-night spread, not a spread of its own.
/// </summary>
public static class NewObservationTest
{
    /// <summary>Compares <paramref name="observation"/> with <paramref name="baseline"/> (at least 2 values).</summary>
    /// <returns>The test with MeanDifference = observation − baseline mean.</returns>
    public static TTestResult Compare(SampleSummary baseline, double observation)
    {
        TTestInput.Check(baseline.Count, baseline.Mean, baseline.StdDev, nameof(baseline), minimumCount: 2);
        if (!double.IsFinite(observation))
            throw new ArgumentException($"The new observation {observation} is not a finite number.", nameof(observation));
        var standardError = baseline.StdDev * Math.Sqrt(1 + 1.0 / baseline.Count);
        return TTestResult.From(observation - baseline.Mean, standardError, baseline.Count - 1);
    }
}
