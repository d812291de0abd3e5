using DeviceLab.Core.Regressions;
using DeviceLab.Server.Results;

namespace DeviceLab.Server.Regressions.Series;

/// <summary>
/// A results metric (<see cref="ResultMetric"/>: name, unit, column) that forms nightly series, and the SQL for a
/// result's centre (its median over repetitions), mean, standard deviation and count over a <c>results</c> row <c>l</c>.
/// </summary>
public sealed record SeriesMetric(ResultMetric Result)
{
    public string Name => Result.Name;
    public string Unit => Result.Unit;

    /// <summary>Which way is better, from the unit.</summary>
    public MetricDirection Direction => MetricUnits.DirectionOf(Unit);

    /// <summary>
    /// The canonical metric this one mirrors (the same measurement in another unit, e.g. decode ms/token is
    /// 1 / decode tokens/s), or null when this metric is canonical. A mirror keeps its nightly points (charts, API) but
    /// is neither detected nor gated: one slow-down is one regression, opened on the canonical series and naming its
    /// mirrors (docs/decisions/0105).
    /// </summary>
    public SeriesMetric? MirrorOf { get; init; }

    /// <summary>The detector and the per-run gate watch this metric's series.</summary>
    public bool IsWatched => MirrorOf is null;

    /// <summary>The result's own median; NULL when not measured (or not valid, e.g. energy while charging).</summary>
    public string CenterSql => Result.IsSummary ? $"l.{Result.Column}_p50" : SingleValueSql;

    public string MeanSql => Result.IsSummary ? $"l.{Result.Column}_mean" : SingleValueSql;

    public string StdDevSql => Result.IsSummary ? $"l.{Result.Column}_std_dev" : "0";

    public string CountSql => Result.IsSummary ? $"l.{Result.Column}_count" : "1";

    private string SingleValueSql => Result.ValidOnly is { } valid
        ? $"CASE WHEN l.{valid} THEN l.{Result.Column}::double precision END"
        : $"l.{Result.Column}::double precision";
}
