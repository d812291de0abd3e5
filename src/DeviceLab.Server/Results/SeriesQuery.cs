using DeviceLab.Core.Models;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DeviceLab.Server.Results;

/// <summary>One night of a trend: the metric over that night's results (the night is the UTC date the run was created).</summary>
/// <param name="RunIds">The runs of that night.</param>
public sealed record SeriesNight(DateOnly Night, MetricAggregate Value, IReadOnlyList<long> RunIds, bool AnyVirtual, bool AnySimulated);

/// <summary>A trend line: one metric of one variant on one device model in one suite, night by night (oldest first).</summary>
public sealed record SeriesLine(string Metric, string DeviceModel, long VariantId, string ModelName, QuantType QuantType, IReadOnlyList<SeriesNight> Nights);

/// <summary>Trends for the dashboard and exports: a metric per (suite, device model, variant) per night, aggregated in SQL.</summary>
public sealed class SeriesQuery(IDbContextFactory<DeviceLabDbContext> contexts)
{
    public async Task<IReadOnlyList<SeriesLine>> RunAsync(ResultFilter filter, ResultMetric metric, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH nightly AS (
              SELECT (ru.created_at AT TIME ZONE 'UTC')::date AS night, coalesce(d.model, '(unknown)') AS device_model, r.variant_id,
                array_agg(DISTINCT ru.id ORDER BY ru.id) AS run_ids, bool_or(r.is_virtual) AS any_virtual, bool_or(r.is_simulated) AS any_simulated,
                {ResultAggregation.Select(metric)}
              {ResultAggregation.FromWhere(filter, command)}
              GROUP BY 1, 2, 3
            )
            SELECT n.*, m.name, v.quant_type
            FROM nightly n JOIN variants v ON v.id = n.variant_id JOIN models m ON m.id = v.model_id
            WHERE n.{metric.Name}_results > 0
            ORDER BY n.device_model, m.name, v.size_bytes DESC NULLS LAST, v.id, n.night
            """;
        var lines = new List<SeriesLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        const int first = 6;
        var tail = first + ResultAggregation.ColumnsPerMetric;
        List<SeriesNight>? nights = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var deviceModel = reader.GetString(1);
            var variantId = reader.GetInt64(2);
            if (nights is null || lines[^1].DeviceModel != deviceModel || lines[^1].VariantId != variantId)
            {
                nights = [];
                lines.Add(new SeriesLine(metric.Name, deviceModel, variantId, reader.GetString(tail),
                    Enum.Parse<QuantType>(reader.GetString(tail + 1), ignoreCase: true), nights));
            }
            nights.Add(new SeriesNight(reader.GetFieldValue<DateOnly>(0), ResultAggregation.Read(reader, first, metric)!,
                reader.GetFieldValue<long[]>(3), reader.GetBoolean(4), reader.GetBoolean(5)));
        }
        return lines;
    }
}
