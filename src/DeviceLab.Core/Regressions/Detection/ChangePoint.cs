using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// A detected change of level. "Before" and "after" are the segments between this change point and its
/// neighbouring change points (or the series' ends), so their means are the two levels being compared.
/// </summary>
/// <param name="Index">Index of the first night of the new level (the first bad night of a regression).</param>
/// <param name="Before">The segment before the change: nights, mean, standard deviation.</param>
/// <param name="After">The segment from the change on.</param>
/// <param name="RelativeChange">MeanAfter / MeanBefore − 1, e.g. +0.05 for 5 % higher.</param>
/// <param name="RelativeChangeInterval">Confidence interval of <paramref name="RelativeChange"/>.</param>
/// <param name="PValue">Two-sided p-value of the t-test between the two segments.</param>
public sealed record ChangePoint(
    int Index,
    SegmentMoments Before,
    SegmentMoments After,
    double RelativeChange,
    ConfidenceInterval RelativeChangeInterval,
    double PValue)
{
    public double MeanBefore => Before.Mean;

    public double MeanAfter => After.Mean;

    public ChangeDirection Direction => After.Mean >= Before.Mean ? ChangeDirection.Increase : ChangeDirection.Decrease;

    /// <summary>|RelativeChange|, the size compared with <see cref="ChangePointOptions.MinRelativeMagnitude"/>.</summary>
    public double Magnitude => Math.Abs(RelativeChange);
}
