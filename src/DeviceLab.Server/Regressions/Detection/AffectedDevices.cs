using DeviceLab.Core.Regressions.Detection;
using DeviceLab.Server.Data;
using DeviceLab.Server.Regressions.Series;
using Npgsql;
using NpgsqlTypes;

namespace DeviceLab.Server.Regressions.Detection;

/// <summary>
/// Which devices of a series' device model show a change themselves: each device's median before the first bad night
/// and from it on (over the two segments the detector compared), computed in PostgreSQL. A device counts when it moved
/// the same way by at least half the series' change; a device that ran only on one side cannot say and is left out.
/// </summary>
internal sealed class AffectedDevices(DeviceLabDbContext db, NightlyPointAggregation aggregation)
{
    private static readonly string Sql = NightlyPointAggregation.MeasuredSql("cr.night BETWEEN @from AND @to") + """
        SELECT device_id,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY center) FILTER (WHERE night < @first_bad),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY center) FILTER (WHERE night >= @first_bad)
        FROM measured
        WHERE device_model = @device_model AND variant_id = @variant AND metric = @metric
        GROUP BY device_id
        ORDER BY device_id
        """;

    public async Task<List<long>> FindAsync(StoredSeries series, ChangePoint changePoint, CancellationToken cancellationToken)
    {
        var points = series.Series.Points;
        var firstBad = points[changePoint.Index].Night;
        var from = points[Math.Max(0, changePoint.Index - changePoint.Before.Count)].Night;
        var to = points[Math.Min(points.Count - 1, changePoint.Index + changePoint.After.Count - 1)].Night;
        var levels = await RegressionSql.QueryAsync(db, Sql, aggregation.Parameters(series.Identity.SuiteId,
                new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = from },
                new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = to },
                new NpgsqlParameter("first_bad", NpgsqlDbType.Date) { Value = firstBad },
                new NpgsqlParameter("device_model", series.Identity.DeviceModel),
                new NpgsqlParameter("variant", series.Identity.VariantId),
                new NpgsqlParameter("metric", series.Identity.Metric)),
            reader => (DeviceId: reader.GetInt64(0), Before: reader.IsDBNull(1) ? (double?)null : reader.GetDouble(1),
                After: reader.IsDBNull(2) ? (double?)null : reader.GetDouble(2)),
            cancellationToken);
        return levels
            .Where(l => l.Before is { } before && l.After is { } after && before != 0
                        && Math.Sign(after / before - 1) == Math.Sign(changePoint.RelativeChange)
                        && Math.Abs(after / before - 1) >= Math.Abs(changePoint.RelativeChange) / 2)
            .Select(l => l.DeviceId)
            .ToList();
    }
}
