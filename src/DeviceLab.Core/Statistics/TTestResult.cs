namespace DeviceLab.Core.Statistics;

/// <summary>The outcome of a two-sample t-test of "second mean differs from first mean".</summary>
/// <param name="T">The t statistic, (mean₂ − mean₁) / standard error; ±∞ when both groups are constant but differ.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom of the reference t distribution (fractional for Welch).</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="MeanDifference">mean₂ − mean₁, in the measurements' unit.</param>
/// <param name="StandardError">Standard error of <paramref name="MeanDifference"/>.</param>
public readonly record struct TTestResult(double T, double DegreesOfFreedom, double PValue, double MeanDifference, double StandardError)
{
    /// <summary>Builds the result from a difference and its standard error, handling the degenerate case
    /// of zero spread: identical constant groups are "no evidence" (p = 1), different ones are certain (p = 0).</summary>
    internal static TTestResult From(double meanDifference, double standardError, double degreesOfFreedom)
    {
        if (standardError == 0)
        {
            return meanDifference == 0
                ? new TTestResult(0, degreesOfFreedom, 1, 0, 0)
                : new TTestResult(meanDifference > 0 ? double.PositiveInfinity : double.NegativeInfinity, degreesOfFreedom, 0, meanDifference, 0);
        }
        var t = meanDifference / standardError;
        return new TTestResult(t, degreesOfFreedom, StudentTDistribution.TwoSidedPValue(t, degreesOfFreedom), meanDifference, standardError);
    }
}
