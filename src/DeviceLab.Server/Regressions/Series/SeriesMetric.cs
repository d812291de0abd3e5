using DeviceLab.Core.Regressions;

namespace DeviceLab.Server.Regressions.Series;

/// <summary>
/// A metric that forms nightly series, and where its numbers are in a <c>results</c> row: SQL expressions for a
/// result's centre (its median over repetitions), mean, standard deviation and count.
/// </summary>
/// <param name="Name">Series metric name, e.g. <c>decode_tokens_per_second</c>.</param>
/// <param name="Unit">Unit; it decides the direction (<see cref="MetricUnits"/>).</param>
/// <param name="Center">SQL over the result row <c>l</c>: the result's own median; NULL when not measured.</param>
/// <param name="Mean">SQL: the result's mean.</param>
/// <param name="StdDev">SQL: the result's standard deviation.</param>
/// <param name="Count">SQL: how many measurements the result summarises.</param>
public sealed record SeriesMetric(string Name, string Unit, string Center, string Mean, string StdDev, string Count)
{
    public MetricDirection Direction => MetricUnits.DirectionOf(Unit);

    /// <summary>A metric stored as a summary (columns <c>{column}_p50</c>, <c>_mean</c>, <c>_std_dev</c>, <c>_count</c>).</summary>
    public static SeriesMetric Summary(string column, string unit) =>
        new(column, unit, $"l.{column}_p50", $"l.{column}_mean", $"l.{column}_std_dev", $"l.{column}_count");

    /// <summary>A metric stored as one number per result.</summary>
    public static SeriesMetric Single(string name, string unit, string value) => new(name, unit, value, value, "0", "1");
}
