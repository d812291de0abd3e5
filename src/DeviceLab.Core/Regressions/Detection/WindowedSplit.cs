namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// The split step: slides a window over the series (overlapping by half; after a change point the next
/// window starts at it) and divides each window E-divisively, keeping every candidate whose t-test
/// passes the relaxed <see cref="ChangePointOptions.WeakPValue"/>. The union of those "weak" change
/// points goes to <see cref="ChangePointMerge"/>.
/// </summary>
/// <remarks>
/// A full window's result depends only on the nights inside it, so it is kept and reused while those
/// nights are unchanged. When one night is appended, only the windows touching the end (and any whose
/// nights the outlier filter re-judged) are computed again: O(window²) per night instead of O(n²),
/// and the result is identical to a fresh computation.
/// </remarks>
internal sealed class WindowedSplit(ChangePointOptions options)
{
    private readonly Dictionary<int, (double[] Values, int[] ChangePoints)> _fullWindows = new();

    /// <summary>Weak change points of <paramref name="values"/>, sorted, without duplicates.</summary>
    /// <param name="spreads">The nights' own spreads (aligned with <paramref name="values"/>), or null.</param>
    public List<int> Run(double[] values, NightSpreads? spreads = null)
    {
        var weak = new SortedSet<int>();
        var step = Math.Max(1, options.WindowNights / 2);
        var start = 0;
        while (start < values.Length)
        {
            var end = Math.Min(start + options.WindowNights, values.Length);
            var found = WindowChangePoints(values, spreads, start, end);
            weak.UnionWith(found);
            start = Math.Max(found.Length > 0 ? found[^1] : 0, start + step);
        }
        return [.. weak];
    }

    private int[] WindowChangePoints(double[] values, NightSpreads? spreads, int start, int end)
    {
        var isFull = end - start == options.WindowNights;
        var window = values.AsSpan(start, end - start);
        if (isFull && _fullWindows.TryGetValue(start, out var cached) && window.SequenceEqual(cached.Values)) return cached.ChangePoints;

        var found = Divide(values, spreads, start, end);
        if (isFull) _fullWindows[start] = (window.ToArray(), found);
        return found;
    }

    // Hierarchical division of one window: the best-scoring candidate over all current pieces is tested;
    // significant → split there and repeat, otherwise stop (E-divisive's stopping rule).
    private int[] Divide(double[] values, NightSpreads? spreads, int start, int end)
    {
        using var energy = new EnergyDivergence(values.AsSpan(start, end - start));
        var changePoints = new List<int>();
        while (true)
        {
            var best = BestCandidate(energy, start, end, changePoints);
            if (best is not { } candidate) break;
            var comparison = SegmentComparison.Of(values, spreads, candidate.From, candidate.Index, candidate.To, options.MinSegmentNights);
            if (comparison.PValue > options.WeakPValue) break;
            changePoints.Insert(~changePoints.BinarySearch(candidate.Index), candidate.Index);
        }
        return [.. changePoints];
    }

    private (int From, int Index, int To)? BestCandidate(EnergyDivergence energy, int start, int end, List<int> changePoints)
    {
        (int, int, int)? best = null;
        var bestScore = double.NegativeInfinity;
        for (var piece = 0; piece <= changePoints.Count; piece++)
        {
            var from = piece == 0 ? start : changePoints[piece - 1];
            var to = piece == changePoints.Count ? end : changePoints[piece];
            if (energy.BestSplit(from - start, to - start, options.MinSegmentNights) is { } split && split.Score > bestScore)
            {
                bestScore = split.Score;
                best = (from, split.Index + start, to);
            }
        }
        return best;
    }
}
