using DeviceLab.Core.Live;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Statistics;
using DeviceLab.Server.Data;
using DeviceLab.Server.Leases;
using DeviceLab.Server.Live;
using Npgsql;
using NpgsqlTypes;

namespace DeviceLab.Server.Runs.Ingestion;

/// <summary>
/// Writes one batch of an attempt's events in one transaction that first checks the attempt's lease
/// (<see cref="LeaseFence"/>): samples and token timings by binary COPY into a staging table and
/// <c>INSERT … ON CONFLICT DO NOTHING</c> (a re-delivered row collides instead of doubling, ADR 0007), results the same
/// way on (job, attempt, variant), the attempt's progress, and the live events — which PostgreSQL delivers only if
/// the transaction commits.
/// </summary>
public sealed class IngestionWriter(DeviceLabDataSource dataSource, LiveEventPublisher live)
{
    internal async Task WriteAsync(IngestionTarget target, IngestionBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LeaseFence.EnsureHeldAsync(connection, transaction, target.Lease, $"storing events of run job {target.RunJobId} attempt {target.Attempt}", cancellationToken);
        if (batch.Samples.Count > 0) await WriteSamplesAsync(connection, transaction, target, batch.Samples, cancellationToken);
        if (batch.Tokens.Count > 0) await WriteTokensAsync(connection, transaction, target, batch.Tokens, cancellationToken);
        foreach (var result in batch.Results) await WriteResultAsync(connection, transaction, target, result, cancellationToken);
        await UpdateAttemptAsync(connection, transaction, target, batch, cancellationToken);
        await PublishAsync(connection, transaction, target, batch, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task WriteSamplesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestionTarget target, List<TelemetryPoint> samples, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction,
            "CREATE TEMP TABLE IF NOT EXISTS ingest_samples (offset_ms integer, metric text, value double precision, source text) ON COMMIT DELETE ROWS", cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync("COPY ingest_samples (offset_ms, metric, value, source) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var sample in samples)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(sample.OffsetMs, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(sample.Metric, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(sample.Value, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(sample.Source, NpgsqlDbType.Text, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await ExecuteAsync(connection, transaction,
            """
            INSERT INTO telemetry_samples (run_job_id, attempt, offset_ms, metric, value, source)
            SELECT $1, $2, offset_ms, metric, value, source FROM ingest_samples ON CONFLICT DO NOTHING
            """, cancellationToken, target.RunJobId, target.Attempt);
    }

    private static async Task WriteTokensAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestionTarget target, List<TokenPoint> tokens, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction,
            "CREATE TEMP TABLE IF NOT EXISTS ingest_tokens (variant_id bigint, repetition integer, token_index integer, ms double precision) ON COMMIT DELETE ROWS", cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync("COPY ingest_tokens (variant_id, repetition, token_index, ms) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var token in tokens)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(token.VariantId, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(token.Repetition, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(token.TokenIndex, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(token.Ms, NpgsqlDbType.Double, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await ExecuteAsync(connection, transaction,
            """
            INSERT INTO token_timings (run_job_id, attempt, variant_id, repetition, token_index, ms)
            SELECT $1, $2, variant_id, repetition, token_index, ms FROM ingest_tokens ON CONFLICT DO NOTHING
            """, cancellationToken, target.RunJobId, target.Attempt);
    }

    private static readonly string[] SummaryColumns = ["count", "mean", "std_dev", "min", "p10", "p50", "p90", "max"];
    private static readonly string[] Summaries = ["decode_tokens_per_second", "decode_ms_per_token", "prefill_tokens_per_second", "time_to_first_token_ms"];

    private static readonly string InsertResultSql = BuildInsertResultSql();

    private static string BuildInsertResultSql()
    {
        var columns = new List<string>
        {
            "run_job_id", "attempt", "variant_id", "device_id", "peak_memory_bytes", "energy_j", "energy_mj_per_token", "energy_method",
            "energy_valid", "perplexity", "kl_divergence", "top1_agreement", "admission_wait_ms", "admission_forced_count", "context",
            "is_simulated", "is_virtual",
        };
        columns.AddRange(Summaries.SelectMany(s => SummaryColumns.Select(c => $"{s}_{c}")));
        var values = columns.Select((_, i) => $"${i + 1}").ToList();
        // Thermal maximum from the samples the attempt stored so far (they arrive before the result).
        columns.AddRange(["thermal_max_c", "created_at"]);
        values.AddRange([
            "(SELECT max(value) FROM telemetry_samples WHERE run_job_id = $1 AND attempt = $2 AND (metric = 'thermal.zone' OR metric LIKE 'thermal.zone/%'))",
            "clock_timestamp()"]);
        return $"INSERT INTO results ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)}) ON CONFLICT (run_job_id, attempt, variant_id) DO NOTHING";
    }

    private static async Task WriteResultAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestionTarget target, ResultRow row, CancellationToken cancellationToken)
    {
        var result = row.Result;
        var energy = result.Energy;
        double? energyJ = energy is null || (energy.Prefill.Joules is null && energy.Decode.Joules is null)
            ? null : (energy.Prefill.Joules?.Mean ?? 0) + (energy.Decode.Joules?.Mean ?? 0);
        await using var insert = new NpgsqlCommand(InsertResultSql, connection, transaction);
        var p = insert.Parameters;
        p.Add(new() { Value = target.RunJobId });
        p.Add(new() { Value = target.Attempt });
        p.Add(new() { Value = row.VariantId });
        p.Add(new() { Value = target.DeviceId });
        // −1 is the agent's "could not be measured" (PeakMemoryMethods.Unavailable): stored as no figure, so averages,
        // series and the regression detector never see it as a number.
        p.Add(Nullable(result.PeakRssBytes.Max >= 0 ? (long?)Math.Round(result.PeakRssBytes.Max) : null, NpgsqlDbType.Bigint));
        p.Add(Nullable(energyJ, NpgsqlDbType.Double));
        p.Add(Nullable(energy?.Decode.MillijoulesPerToken?.Mean, NpgsqlDbType.Double));
        p.Add(Nullable(energy is null ? null : MethodName(energy.Decode.Method), NpgsqlDbType.Text));
        p.Add(new() { Value = energy is not null && energy.Decode.Valid && energy.Prefill.Valid });
        p.Add(Nullable(result.Quality?.Perplexity, NpgsqlDbType.Double));
        p.Add(Nullable(result.Quality?.KlDivergence, NpgsqlDbType.Double));
        p.Add(Nullable(result.Quality?.Top1Agreement, NpgsqlDbType.Double));
        p.Add(Nullable(row.AdmissionWaitMs, NpgsqlDbType.Double));
        p.Add(new() { Value = row.AdmissionForcedCount });
        p.Add(new() { Value = row.Context.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new() { Value = row.IsSimulated });
        p.Add(new() { Value = target.DeviceIsVirtual || row.Context["device"]?["is_virtual"]?.GetValue<bool>() == true });
        foreach (var summary in new[] { result.DecodeTokensPerSecond, result.DecodeMsPerToken, result.PrefillTokensPerSecond, result.TimeToFirstTokenMs })
            AddSummary(p, summary);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddSummary(NpgsqlParameterCollection parameters, SampleSummary summary)
    {
        parameters.Add(new() { Value = summary.Count });
        foreach (var value in new[] { summary.Mean, summary.StdDev, summary.Min, summary.P10, summary.P50, summary.P90, summary.Max })
            parameters.Add(new() { Value = value });
    }

    private static async Task UpdateAttemptAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestionTarget target, IngestionBatch batch, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            """
            UPDATE run_job_attempts SET stored_through_seq = greatest(stored_through_seq, $3),
                                        repetitions_done = coalesce($4, repetitions_done),
                                        agent_hello = coalesce($5, agent_hello)
            WHERE run_job_id = $1 AND attempt = $2
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = target.RunJobId }, new() { Value = target.Attempt }, new() { Value = batch.StoredThroughSeq },
                Nullable(batch.RepetitionsDone, NpgsqlDbType.Integer), Nullable(batch.HelloJson, NpgsqlDbType.Jsonb),
            },
        };
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task PublishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestionTarget target, IngestionBatch batch, CancellationToken cancellationToken)
    {
        foreach (var phase in batch.Phases) await live.PhaseMarkedAsync(phase, connection, transaction, cancellationToken);
        if (batch.Samples.Count > 0)
            await live.TelemetryAsync(new TelemetryBatch(target.RunId, target.RunJobId, target.Attempt, target.DeviceId, batch.Samples, batch.ReceivedAt), connection, transaction, cancellationToken);
        if (batch.Tokens.Count > 0)
            await live.TokensAsync(new TokenTimingBatch(target.RunId, target.RunJobId, target.Attempt, target.DeviceId, batch.Tokens, batch.ReceivedAt), connection, transaction, cancellationToken);
        if (batch.RepetitionsDone is { } done)
            await live.JobChangedAsync(new JobProgress(target.RunId, target.RunJobId, target.Attempt, target.DeviceId, RunJobStatus.Running, JobSteps.Benchmarking,
                done, target.RepetitionsTotal, null, null, false, DateTimeOffset.UtcNow), connection, transaction, cancellationToken);
    }

    private static string MethodName(Core.AgentProtocol.EnergyMethod method) => method switch
    {
        Core.AgentProtocol.EnergyMethod.PowerIntegral => "power_integral",
        Core.AgentProtocol.EnergyMethod.ChargeCounter => "charge_counter",
        _ => "none",
    };

    private static NpgsqlParameter Nullable<T>(T? value, NpgsqlDbType type) where T : struct =>
        new() { Value = value is null ? DBNull.Value : value.Value, NpgsqlDbType = type };

    private static NpgsqlParameter Nullable(string? value, NpgsqlDbType type) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = type };

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
