using System.Data.Common;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace DeviceLab.Server.Results;

/// <summary>
/// Builds the SQL that aggregates results in PostgreSQL (never row by row in .NET): the filtered results of each job's
/// current attempt (results of superseded attempts would count a job twice), joined to their device for the device
/// model, grouped as the caller says, with one <see cref="MetricAggregate"/> per metric. Indexes it relies on:
/// <c>ix_results_variant_id_created_at</c> (the usual filter: a model's variants over a time window),
/// <c>ix_runs_suite_id_created_at</c> (series of a suite) and the primary keys of run_jobs, runs and devices.
/// </summary>
internal static class ResultAggregation
{
    /// <summary>FROM … WHERE for <paramref name="filter"/>; adds its parameters to <paramref name="command"/>.</summary>
    public static string FromWhere(ResultFilter filter, NpgsqlCommand command)
    {
        var sql = new StringBuilder("""
            FROM results r
            JOIN run_jobs j ON j.id = r.run_job_id AND j.attempt = r.attempt
            JOIN runs ru ON ru.id = j.run_id
            JOIN devices d ON d.id = r.device_id
            JOIN variants v ON v.id = r.variant_id
            WHERE TRUE
            """);
        void Where(string condition, string name, object value, NpgsqlDbType type)
        {
            sql.Append("\n  AND ").Append(condition);
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }
        if (filter.ModelId is { } model) Where("v.model_id = @model", "model", model, NpgsqlDbType.Bigint);
        if (filter.SuiteId is { } suite) Where("ru.suite_id = @suite", "suite", suite, NpgsqlDbType.Bigint);
        if (filter.RunId is { } run) Where("ru.id = @run", "run", run, NpgsqlDbType.Bigint);
        if (filter.From is { } from) Where("r.created_at >= @from", "from", from.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        if (filter.To is { } to) Where("r.created_at < @to", "to", to.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        if (filter.DeviceModels is { Count: > 0 } models)
            Where("coalesce(d.model, '') = ANY(@device_models)", "device_models", models.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        if (filter.VariantIds is { Count: > 0 } variants)
            Where("r.variant_id = ANY(@variants)", "variants", variants.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        if (!filter.IncludeVirtual) sql.Append("\n  AND NOT r.is_virtual");
        return sql.ToString();
    }

    /// <summary>The select-list items of one metric: <see cref="ColumnsPerMetric"/> columns named <c>{metric}_n</c> …,
    /// read back by <see cref="Read"/>.</summary>
    public static string Select(ResultMetric metric)
    {
        var c = "r." + metric.Column;
        var a = metric.Name;
        if (metric.IsSummary)
        {
            // Pooled variance from each result's (count, mean, stddev): Σ[(n−1)s² + n·m²] − N·M², over N − 1.
            return $"coalesce(sum({c}_count), 0)::bigint AS {a}_n, count({c}_count)::int AS {a}_results, " +
                $"sum({c}_count * {c}_mean) / nullif(sum({c}_count), 0) AS {a}_mean, " +
                $"sqrt(greatest(sum(({c}_count - 1) * {c}_std_dev ^ 2 + {c}_count * {c}_mean ^ 2) " +
                $"- sum({c}_count * {c}_mean) ^ 2 / nullif(sum({c}_count), 0), 0) / nullif(sum({c}_count) - 1, 0)) AS {a}_std_dev, " +
                $"percentile_cont(0.5) WITHIN GROUP (ORDER BY {c}_p50) AS {a}_p50, percentile_cont(0.5) WITHIN GROUP (ORDER BY {c}_p90) AS {a}_p90, " +
                $"min({c}_min) AS {a}_min, max({c}_max) AS {a}_max";
        }
        var value = metric.ValidOnly is null ? $"{c}::float8" : $"CASE WHEN r.{metric.ValidOnly} THEN {c}::float8 END";
        return $"count({value})::bigint AS {a}_n, count({value})::int AS {a}_results, avg({value}) AS {a}_mean, " +
            $"stddev_samp({value}) AS {a}_std_dev, percentile_cont(0.5) WITHIN GROUP (ORDER BY {value}) AS {a}_p50, " +
            $"percentile_cont(0.9) WITHIN GROUP (ORDER BY {value}) AS {a}_p90, min({value}) AS {a}_min, max({value}) AS {a}_max";
    }

    public const int ColumnsPerMetric = 8;

    /// <summary>Reads the columns <see cref="Select"/> produced, starting at <paramref name="ordinal"/>; null when no result had the metric.</summary>
    public static MetricAggregate? Read(DbDataReader reader, int ordinal, ResultMetric metric)
    {
        var results = reader.GetInt32(ordinal + 1);
        if (results == 0) return null;
        double? At(int i) => reader.IsDBNull(ordinal + i) ? null : reader.GetDouble(ordinal + i);
        return new MetricAggregate(metric.Unit, reader.GetInt64(ordinal), results, At(2), At(3), At(4), At(5), At(6), At(7));
    }
}
