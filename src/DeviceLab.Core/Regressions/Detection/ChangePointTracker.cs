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

    public ChangePointTracker(ChangePointOptions? options = null) =>
        _search = new ChangePointSearch((options ?? new ChangePointOptions()).Validated());

    /// <summary>Nights seen so far.</summary>
    public int Count => _values.Count;

    /// <summary>Appends the newest night and returns the change points over every night seen.</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite; the tracker is left unchanged.</exception>
    public IReadOnlyList<ChangePoint> Add(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"Night {_values.Count} has value {value}, not a finite number; it was not added.", nameof(value));
        _values.Add(value);
        return _search.Run([.. _values]);
    }
}
