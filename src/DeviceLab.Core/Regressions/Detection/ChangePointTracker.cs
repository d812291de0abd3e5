namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// Detection on a series that grows by one night at a time, as in production where each night the
/// detector sees nights 1..t only. Every <see cref="Add"/> returns exactly what
/// <see cref="ChangePointDetector.Detect(ReadOnlySpan{double})"/> would return for all nights so far,
/// but reuses the split step's finished windows, so a night costs O(window²) rather than O(n²).
/// </summary>
/// <remarks>Not thread-safe: one tracker per series.</remarks>
public sealed class ChangePointTracker
{
    private readonly ChangePointSearch _search;
    private readonly List<double> _values = [];
    private readonly List<double> _spreads = [];
    private readonly List<int> _counts = [];

    public ChangePointTracker(ChangePointOptions? options = null) =>
        _search = new ChangePointSearch((options ?? new ChangePointOptions()).Validated());

    /// <summary>Nights seen so far.</summary>
    public int Count => _values.Count;

    /// <summary>Appends the newest night and returns the change points over every night seen.</summary>
    /// <param name="value">The night's value (median).</param>
    /// <param name="spread">Standard deviation of the night's repetitions (used with <see cref="ChangePointOptions.UseNightSpread"/>).</param>
    /// <param name="count">Repetitions behind the value.</param>
    /// <exception cref="ArgumentException">A number is invalid; the tracker is left unchanged.</exception>
    public IReadOnlyList<ChangePoint> Add(double value, double spread = 0, int count = 1)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"Night {_values.Count} has value {value}, not a finite number; it was not added.", nameof(value));
        if (!double.IsFinite(spread) || spread < 0)
            throw new ArgumentException($"Night {_values.Count} has spread {spread}; it must be finite and ≥ 0. It was not added.", nameof(spread));
        if (count < 1)
            throw new ArgumentException($"Night {_values.Count} has {count} repetitions; at least one is needed. It was not added.", nameof(count));
        _values.Add(value);
        _spreads.Add(spread);
        _counts.Add(count);
        return _search.Run([.. _values], _spreads, _counts);
    }
}
