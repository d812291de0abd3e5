using DeviceLab.Core.Runs;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace DeviceLab.Server.Regressions.Series;

/// <summary>
/// Builds <see cref="NightlyPoint"/> rows from <c>results</c> inside PostgreSQL: one statement aggregates every series
/// of a suite for the given nights (no result rows travel to the server).
/// </summary>
/// <remarks>
/// Which results count: runs of the suite with a tracked trigger that succeeded or failed (a failed run keeps the
/// results of its other devices; a cancelled one was stopped by someone, so it is left out), the job's current attempt
/// only (as Results/ResultAggregation: a superseded attempt would count a job twice), and devices grouped by their
/// reported model (trimmed; none reported: "unknown"). Per point: the median of the results'
/// own medians (a device × run is one vote, however many repetitions it ran), the pooled standard deviation of
/// every measurement (exact, from each result's count, mean and standard deviation), and the measurement count.
/// </remarks>
internal sealed class NightlyPointAggregation(DeviceLabDbContext db, string nightTimeZone, IReadOnlyList<RunTrigger> triggers)
{
    private static readonly string[] CountedStatuses = [Name(RunStatus.Succeeded), Name(RunStatus.Failed)];

    /// <summary>The SQL of a run's night, for a <c>runs</c> row aliased <c>r</c>.</summary>
    private const string NightOfRun = "(coalesce(r.started_at, r.created_at) AT TIME ZONE @time_zone)::date";

    /// <summary>
    /// Nights to rebuild when a run of <paramref name="night"/> finished: that night, and every earlier night of the
    /// suite that has counted runs but no point yet (a missed job, data loaded later). Never a later night, so a
    /// replay night by night sees only the past.
    /// </summary>
    public async Task<DateOnly[]> NightsToRebuildAsync(long suiteId, DateOnly night, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT DISTINCT {NightOfRun} AS "Value"
            FROM runs r
            WHERE r.suite_id = @suite AND r.trigger = ANY(@triggers) AND r.status = ANY(@statuses)
              AND {NightOfRun} <= @night
              AND ({NightOfRun} = @night OR NOT EXISTS (
                    SELECT 1 FROM nightly_points p WHERE p.suite_id = @suite AND p.night = {NightOfRun}))
            """;
        var nights = await db.Database.SqlQueryRaw<DateOnly>(sql, Parameters(suiteId, new NpgsqlParameter("night", NpgsqlDbType.Date) { Value = night }))
            .ToListAsync(cancellationToken);
        return [.. nights.Append(night).Distinct().Order()];
    }

    /// <summary>Replaces the suite's points of <paramref name="nights"/> with fresh aggregates; returns the rows written.</summary>
    public async Task<int> RebuildAsync(long suiteId, IReadOnlyList<DateOnly> nights, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync(
            "DELETE FROM nightly_points WHERE suite_id = @suite AND night = ANY(@nights)",
            [new NpgsqlParameter("suite", suiteId), NightsParameter(nights)], cancellationToken);
        return await db.Database.ExecuteSqlRawAsync(InsertSql,
            Parameters(suiteId, NightsParameter(nights), new NpgsqlParameter("now", now.ToUniversalTime())), cancellationToken);
    }

    /// <summary>
    /// CTEs ending in <c>measured</c>: one row per (counted result, metric) whose run's night satisfies
    /// <paramref name="nightCondition"/> (SQL over <c>cr.night</c>), with the result's centre, mean, sd and count.
    /// Parameters: @suite, @time_zone, @triggers, @statuses and whatever the condition uses.
    /// </summary>
    public static string MeasuredSql(string nightCondition)
    {
        var metrics = string.Join(",\n                    ", SeriesMetrics.All.Select(m =>
            $"('{m.Name}', ({m.CenterSql})::double precision, ({m.MeanSql})::double precision, ({m.StdDevSql})::double precision, ({m.CountSql})::double precision)"));
        return $"""
            WITH counted_runs AS (
                SELECT r.id, {NightOfRun} AS night
                FROM runs r
                WHERE r.suite_id = @suite AND r.trigger = ANY(@triggers) AND r.status = ANY(@statuses)
            ),
            latest AS (
                SELECT res.*, cr.id AS run_id, cr.night
                FROM counted_runs cr
                JOIN run_jobs j ON j.run_id = cr.id
                JOIN results res ON res.run_job_id = j.id AND res.attempt = j.attempt
                WHERE {nightCondition}
            ),
            measured AS (
                SELECT l.night, coalesce(nullif(btrim(d.model), ''), 'unknown') AS device_model, v.model_id, l.variant_id,
                       l.run_id, l.device_id, l.is_virtual, l.is_simulated, m.metric, m.center, m.mean, m.sd, m.n
                FROM latest l
                JOIN devices d ON d.id = l.device_id
                JOIN variants v ON v.id = l.variant_id
                CROSS JOIN LATERAL (VALUES
                    {metrics}
                ) AS m(metric, center, mean, sd, n)
                WHERE m.center IS NOT NULL AND m.center NOT IN ('NaN', 'Infinity', '-Infinity') AND m.n >= 1
                  AND m.mean NOT IN ('NaN', 'Infinity', '-Infinity') AND m.sd >= 0 AND m.sd < 'Infinity'
            )
            """;
    }

    /// <summary>The parameters <see cref="MeasuredSql"/> needs, plus <paramref name="more"/>.</summary>
    public object[] Parameters(long suiteId, params NpgsqlParameter[] more) =>
    [
        new NpgsqlParameter("suite", suiteId),
        new NpgsqlParameter("time_zone", nightTimeZone),
        new NpgsqlParameter("triggers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = triggers.Select(Name).ToArray() },
        new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = CountedStatuses },
        .. more,
    ];

    private static NpgsqlParameter NightsParameter(IReadOnlyList<DateOnly> nights) =>
        new("nights", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = nights.ToArray() };

    // The pooled standard deviation of all measurements from each result's (n, mean, sd):
    // SS = Σ(n−1)·sd² + Σn·mean² − (Σn·mean)² / Σn, sd = √(SS / (Σn − 1)).
    private static readonly string InsertSql = MeasuredSql("cr.night = ANY(@nights)") + """
            INSERT INTO nightly_points (suite_id, device_model, model_id, variant_id, metric, night, median, spread, count,
                                       results, run_ids, device_ids, any_virtual, any_simulated, updated_at)
            SELECT @suite, device_model, model_id, variant_id, metric, night,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY center),
                   CASE WHEN sum(n) > 1
                        THEN sqrt(greatest(0, (sum((n - 1) * sd * sd) + sum(n * mean * mean) - sum(n * mean) ^ 2 / sum(n)) / (sum(n) - 1)))
                        ELSE 0 END,
                   sum(n)::bigint, count(*), array_agg(DISTINCT run_id ORDER BY run_id), array_agg(DISTINCT device_id ORDER BY device_id),
                   bool_or(is_virtual), bool_or(is_simulated), @now
            FROM measured
            GROUP BY device_model, model_id, variant_id, metric, night
            """;

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => SnakeCaseEnumConverter<TEnum>.NameOf(value);
}
