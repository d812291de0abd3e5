namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// The merge step (Hunter, Fleming et al. 2023): re-tests every weak change point against its
/// neighbours' segments over the whole series and removes the weakest one at a time — first any whose
/// p-value exceeds <see cref="ChangePointOptions.MaxPValue"/> (the largest p first), then any smaller than
/// <see cref="ChangePointOptions.MinRelativeMagnitude"/> (the smallest first) — re-testing the two
/// neighbours after each removal, since their segments just grew. What survives is the answer.
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
        var largestP = 0;
        for (var i = 1; i < points.Count; i++) if (points[i].PValue > points[largestP].PValue) largestP = i;
        if (points[largestP].PValue > options.MaxPValue) return largestP;

        var smallest = 0;
        for (var i = 1; i < points.Count; i++) if (points[i].Magnitude < points[smallest].Magnitude) smallest = i;
        return points[smallest].Magnitude < options.MinRelativeMagnitude ? smallest : -1;
    }

    private static SegmentComparison Compare(double[] values, NightSpreads? spreads, List<int> changePoints, int i, ChangePointOptions options)
    {
        var start = i == 0 ? 0 : changePoints[i - 1];
        var end = i == changePoints.Count - 1 ? values.Length : changePoints[i + 1];
        return SegmentComparison.Of(values, spreads, start, changePoints[i], end, options.MinSegmentNights);
    }
}
