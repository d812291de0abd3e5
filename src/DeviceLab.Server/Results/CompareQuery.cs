using System.Text;
using DeviceLab.Core.Models;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DeviceLab.Server.Results;

/// <summary>
/// Compares variants across device models: one <see cref="CompareRow"/> per (device model, variant), every metric with its
/// spread, aggregated in one SQL statement (see <see cref="ResultAggregation"/>). Sized for a year of nightly results of
/// 20 device models × 4 variants.
/// </summary>
public sealed class CompareQuery(IDbContextFactory<DeviceLabDbContext> contexts)
{
    public async Task<IReadOnlyList<CompareRow>> RunAsync(ResultFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("""
            WITH grouped AS (
              SELECT coalesce(d.model, '(unknown)') AS device_model, r.variant_id,
                count(*)::int AS results, count(DISTINCT r.device_id)::int AS devices,
                bool_or(r.is_virtual) AS any_virtual, bool_and(r.is_virtual) AS all_virtual, bool_or(r.is_simulated) AS any_simulated,
                bool_or(j.is_partial) AS any_partial,
                count(*) FILTER (WHERE r.energy_mj_per_token IS NOT NULL AND NOT r.energy_valid)::int AS energy_invalid,
                min(r.created_at) AS first_at, max(r.created_at) AS last_at,
                -- how the peak memory figures were measured: theirs when the results agree, else mixed (docs/decisions/0155)
                CASE WHEN count(DISTINCT coalesce(r.context ->> 'peak_rss_method', '')) FILTER (WHERE r.peak_memory_bytes IS NOT NULL) > 1 THEN 'mixed'
                     ELSE min(r.context ->> 'peak_rss_method') FILTER (WHERE r.peak_memory_bytes IS NOT NULL) END AS peak_memory_method
            """);
        for (var i = 0; i < ResultMetric.All.Count; i++) sql.Append(",\n    ").Append(ResultAggregation.Select(ResultMetric.All[i]));
        sql.Append('\n').Append(ResultAggregation.FromWhere(filter, command));
        sql.Append("""

              GROUP BY 1, 2
            )
            SELECT g.*, v.model_id, m.name, v.quant_type, v.sha256
            FROM grouped g JOIN variants v ON v.id = g.variant_id JOIN models m ON m.id = v.model_id
            ORDER BY g.device_model, m.name, v.size_bytes DESC NULLS LAST, v.id -- larger (more precise) variants first
            """);
        command.CommandText = sql.ToString();

        var rows = new List<CompareRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        const int first = 12;
        var tail = first + ResultMetric.All.Count * ResultAggregation.ColumnsPerMetric;
        while (await reader.ReadAsync(cancellationToken))
        {
            var metrics = new Dictionary<string, MetricAggregate>();
            for (var i = 0; i < ResultMetric.All.Count; i++)
            {
                var metric = ResultMetric.All[i];
                if (ResultAggregation.Read(reader, first + i * ResultAggregation.ColumnsPerMetric, metric) is { } aggregate) metrics[metric.Name] = aggregate;
            }
            rows.Add(new CompareRow(
                reader.GetString(0), reader.GetInt64(1), reader.GetInt64(tail), reader.GetString(tail + 1),
                Enum.Parse<QuantType>(reader.GetString(tail + 2), ignoreCase: true), reader.IsDBNull(tail + 3) ? null : reader.GetString(tail + 3),
                reader.GetInt32(2), reader.GetInt32(3), metrics,
                reader.GetBoolean(4), reader.GetBoolean(5), reader.GetBoolean(6), reader.GetBoolean(7), reader.GetInt32(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10), reader.IsDBNull(11) ? null : reader.GetString(11)));
        }
        return rows;
    }
}
