namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// The merge step (Hunter, Fleming et al. 2023): re-tests every weak change point against its
/// neighbours' segments over the whole series and removes the weakest one at a time — first any whose
/// p-value exceeds its threshold (<see cref="ChangePointOptions.MaxPValueFor"/>; the largest multiple of it first), then
/// any smaller than its magnitude floor (<see cref="ChangePointOptions.MinRelativeMagnitudeFor"/>; the smallest share
/// first) — re-testing the two neighbours after each removal, since their segments just grew. What survives is the
/// answer. Thresholds differ only for the series' newest level while it is new (<see cref="ChangePointOptions.NewLevelNights"/>).
/// </summary>
internal static class ChangePointMerge
{
    public static List<SegmentComparison> Run(double[] values, NightSpreads? spreads, List<int> weakChangePoints, ChangePointOptions options)
    {
        var points = new List<SegmentComparison>(weakChangePoints.Count);
        for (var i = 0; i < weakChangePoints.Count; i++) points.Add(Compare(values, spreads, weakChangePoints, i, options));

        while (points.Count > 0)
        {
            var weakest = WeakestUnacceptable(points, options);
            if (weakest < 0) break;
            points.RemoveAt(weakest);
            weakChangePoints.RemoveAt(weakest);
            if (weakest > 0) points[weakest - 1] = Compare(values, spreads, weakChangePoints, weakest - 1, options);
            if (weakest < points.Count) points[weakest] = Compare(values, spreads, weakChangePoints, weakest, options);
        }
        return points;
    }

    private static int WeakestUnacceptable(List<SegmentComparison> points, ChangePointOptions options)
    {
        var worstP = -1;
        var worstPExcess = 1.0;
        for (var i = 0; i < points.Count; i++)
        {
            var excess = points[i].PValue / options.MaxPValueFor(points[i].After.Count, i == points.Count - 1);
            if (excess > worstPExcess) (worstP, worstPExcess) = (i, excess);
        }
        if (worstP >= 0) return worstP;

        var smallest = -1;
        var smallestShare = 1.0;
        for (var i = 0; i < points.Count; i++)
        {
            var floor = options.MinRelativeMagnitudeFor(points[i].After.Count, i == points.Count - 1);
            var share = floor == 0 ? double.PositiveInfinity : points[i].Magnitude / floor;
            if (share < smallestShare) (smallest, smallestShare) = (i, share);
        }
        return smallest;
    }

    private static SegmentComparison Compare(double[] values, NightSpreads? spreads, List<int> changePoints, int i, ChangePointOptions options)
    {
        var start = i == 0 ? 0 : changePoints[i - 1];
        var end = i == changePoints.Count - 1 ? values.Length : changePoints[i + 1];
        return SegmentComparison.Of(values, spreads, start, changePoints[i], end, options.MinSegmentNights);
    }
}
