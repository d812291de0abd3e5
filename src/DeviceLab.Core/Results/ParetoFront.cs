using DeviceLab.Core.Regressions;

namespace DeviceLab.Core.Results;

/// <summary>
/// The Pareto front of a set of (x, y) points: the points no other point beats on both axes. On a
/// speed-vs-quality chart these are the variants worth choosing; every other one is slower and no better
/// (or worse and no faster) than some variant on the front.
/// </summary>
public static class ParetoFront
{
    /// <summary>
    /// Indices of the points on the front, ordered by x ascending (ready to draw as a line).
    /// A point is dominated when another is at least as good on both axes and strictly better on one;
    /// identical points do not dominate each other, so duplicates on the front are all kept.
    /// </summary>
    /// <param name="points">The candidates; may be empty.</param>
    /// <param name="x">Which way x gets better (e.g. tokens/s: higher).</param>
    /// <param name="y">Which way y gets better (e.g. perplexity: lower).</param>
    /// <exception cref="ArgumentException">A coordinate is NaN or infinite (the message names the point).</exception>
    public static IReadOnlyList<int> Of(IReadOnlyList<(double X, double Y)> points, MetricDirection x, MetricDirection y)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (var i = 0; i < points.Count; i++)
        {
            if (!double.IsFinite(points[i].X) || !double.IsFinite(points[i].Y))
                throw new ArgumentException($"Point {i} is ({points[i].X}, {points[i].Y}); a Pareto front needs finite coordinates.", nameof(points));
        }
        // Turn both axes into "lower is better", then sweep in order of x, best first.
        var sx = x == MetricDirection.LowerIsBetter ? 1.0 : -1.0;
        var sy = y == MetricDirection.LowerIsBetter ? 1.0 : -1.0;
        var order = Enumerable.Range(0, points.Count)
            .OrderBy(i => sx * points[i].X).ThenBy(i => sy * points[i].Y).ToArray();

        var front = new List<int>();
        var bestY = double.PositiveInfinity;
        var bestYx = double.NaN; // x of the first point (best x) that reached bestY
        foreach (var i in order)
        {
            var px = sx * points[i].X;
            var py = sy * points[i].Y;
            if (py < bestY)
            {
                front.Add(i);
                bestY = py;
                bestYx = px;
            }
            else if (py == bestY && px == bestYx)
            {
                front.Add(i); // an exact duplicate of a front point
            }
        }
        return front.OrderBy(i => points[i].X).ThenBy(i => points[i].Y).ToArray();
    }
}
