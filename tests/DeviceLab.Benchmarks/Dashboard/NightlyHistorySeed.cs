using Npgsql;

namespace DeviceLab.Benchmarks.Dashboard;

/// <summary>
/// A year of nightly results written straight into a migrated DeviceLab database with SQL (generate_series, no round
/// trip per row): one suite, one model with four variants (F16, Q8_0, Q4_0, Q4_K), <c>deviceModels</c> device models
/// (the first five with two handsets each), one run per night, one job per device, one result per (job, variant) with
/// summaries whose spread is that of five repetitions, and — for the last <see cref="TokenNights"/> nights — every
/// decoded token's latency. Deterministic (setseed). The data is generated, for timing only.
/// </summary>
internal static class NightlyHistorySeed
{
    /// <summary>Nights that also get token timings (5 repetitions × 64 tokens per result).</summary>
    public const int TokenNights = 30;

    private static readonly string[] DeviceModels =
    [
        "Pixel 6", "Pixel 7", "Pixel 7a", "Pixel 8", "Pixel 8 Pro", "Galaxy S22", "Galaxy S23", "Galaxy S24", "Galaxy A54", "OnePlus 11",
        "OnePlus 12", "Xiaomi 13", "Xiaomi 14", "Moto G84", "Nothing Phone 2", "Xperia 1 V", "iPhone 13", "iPhone 14", "iPhone 15", "iPhone 15 Pro",
    ];

    public sealed record Seeded(long ModelId, long SuiteId, int Devices, long Results, long TokenTimings);

    public static async Task<Seeded> WriteAsync(string connectionString, int nights, int deviceModels)
    {
        if (deviceModels is < 1 || deviceModels > DeviceModels.Length)
            throw new ArgumentOutOfRangeException(nameof(deviceModels), deviceModels, $"1–{DeviceModels.Length} device models");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var models = DeviceModels[..deviceModels];
        await ExecuteAsync(connection, transaction, Script, new()
        {
            ["device_models"] = models,
            ["nights"] = nights,
            ["token_nights"] = TokenNights,
        });
        await transaction.CommitAsync();
        await ExecuteAsync(connection, null, "ANALYZE", []);
        await using var counts = new NpgsqlCommand(
            "SELECT (SELECT id FROM models WHERE name = 'bench-llama-1b'), (SELECT id FROM suites WHERE name = 'bench-nightly'), " +
            "(SELECT count(*) FROM devices WHERE serial LIKE 'bench-%'), (SELECT count(*) FROM results), (SELECT count(*) FROM token_timings)", connection);
        await using var reader = await counts.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Seeded(reader.GetInt64(0), reader.GetInt64(1), (int)reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Dictionary<string, object> parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    private const string Script = """
        SELECT setseed(0.42);

        INSERT INTO lab_hosts (name, queue_name, version, created_at, last_seen_at)
        VALUES ('bench-rack', 'bench-rack', 'bench', now(), now());

        INSERT INTO models (name, architecture, parameter_count, description, created_at)
        VALUES ('bench-llama-1b', 'llama', 1100000000, 'generated for the compare-page bench', now() - interval '400 days');

        INSERT INTO artifacts (sha256, size_bytes, kind, stored_path, created_at)
        SELECT encode(sha256(convert_to('bench/' || q, 'UTF8')), 'hex'), s, 'gguf', 'bench/' || q, now()
        FROM (VALUES ('f16', 2200000000), ('q8_0', 1170000000), ('q4_0', 640000000), ('q4_k', 670000000)) v(q, s);

        INSERT INTO variants (model_id, quant_type, parent_variant_id, sha256, size_bytes, build_status, created_at)
        SELECT m.id, v.q, NULL, encode(sha256(convert_to('bench/' || v.q, 'UTF8')), 'hex'), v.s, 'ready', now() - interval '400 days'
        FROM models m, (VALUES ('f16', 2200000000), ('q8_0', 1170000000), ('q4_0', 640000000), ('q4_k', 670000000)) v(q, s)
        WHERE m.name = 'bench-llama-1b';

        INSERT INTO suites (name, variant_ids, device_selector, parameters, cron, enabled, created_at, updated_at)
        SELECT 'bench-nightly', array_agg(v.id ORDER BY v.id), '{"tags":["bench"],"device_models":[]}'::jsonb,
               '{"prompt_tokens":128,"generated_tokens":64,"threads":0,"warmups":1,"repetitions":5}'::jsonb, '0 2 * * *', true,
               now() - interval '400 days', now() - interval '400 days'
        FROM variants v JOIN models m ON m.id = v.model_id WHERE m.name = 'bench-llama-1b';

        -- The first five device models have two handsets each: their compare rows pool two devices.
        INSERT INTO devices (lab_host_id, serial, transport, manufacturer, model, soc, abi, os_version, properties, tags, state, is_virtual,
                             created_at, last_seen_at, battery_level_percent, battery_temperature_c, is_connected)
        SELECT h.id, 'bench-' || d.ordinality || '-' || handset, 'adb', 'Bench', d.model, 'bench SoC', 'arm64-v8a', '14', '{}'::jsonb,
               ARRAY['bench'], 'online', false, now() - interval '400 days', now(), 80, 30, true
        FROM lab_hosts h, unnest(@device_models::text[]) WITH ORDINALITY d(model, ordinality),
             generate_series(1, 2) handset
        WHERE h.name = 'bench-rack' AND (handset = 1 OR d.ordinality <= 5);

        INSERT INTO runs (suite_id, status, trigger, requested_by, variant_ids, device_selector, parameters, created_at, started_at, finished_at)
        SELECT s.id, 'succeeded', 'nightly', 'schedule', s.variant_ids, s.device_selector, s.parameters,
               date_trunc('day', now()) - make_interval(days => n) + interval '2 hours',
               date_trunc('day', now()) - make_interval(days => n) + interval '2 hours 5 seconds',
               date_trunc('day', now()) - make_interval(days => n) + interval '2 hours 20 minutes'
        FROM suites s, generate_series(@nights, 1, -1) n WHERE s.name = 'bench-nightly';

        INSERT INTO run_jobs (run_id, device_id, variant_ids, attempt, status, is_partial, created_at, started_at, finished_at)
        SELECT r.id, d.id, r.variant_ids, 1, 'succeeded', false, r.created_at, r.started_at, r.finished_at
        FROM runs r JOIN suites s ON s.id = r.suite_id AND s.name = 'bench-nightly'
        CROSS JOIN devices d WHERE d.serial LIKE 'bench-%';

        -- Speed: a per-device-model base, times the variant's factor, with 3 % night-to-night noise and 2 % within a run.
        INSERT INTO results (run_job_id, attempt, variant_id, device_id, peak_memory_bytes, energy_j, energy_mj_per_token, energy_method, energy_valid,
                             perplexity, kl_divergence, top1_agreement, thermal_max_c, throttled_share, admission_wait_ms, admission_forced_count,
                             is_simulated, is_virtual, created_at,
                             decode_tokens_per_second_count, decode_tokens_per_second_mean, decode_tokens_per_second_std_dev, decode_tokens_per_second_min,
                             decode_tokens_per_second_p10, decode_tokens_per_second_p50, decode_tokens_per_second_p90, decode_tokens_per_second_max,
                             decode_ms_per_token_count, decode_ms_per_token_mean, decode_ms_per_token_std_dev, decode_ms_per_token_min,
                             decode_ms_per_token_p10, decode_ms_per_token_p50, decode_ms_per_token_p90, decode_ms_per_token_max,
                             prefill_tokens_per_second_count, prefill_tokens_per_second_mean, prefill_tokens_per_second_std_dev, prefill_tokens_per_second_min,
                             prefill_tokens_per_second_p10, prefill_tokens_per_second_p50, prefill_tokens_per_second_p90, prefill_tokens_per_second_max,
                             time_to_first_token_ms_count, time_to_first_token_ms_mean, time_to_first_token_ms_std_dev, time_to_first_token_ms_min,
                             time_to_first_token_ms_p10, time_to_first_token_ms_p50, time_to_first_token_ms_p90, time_to_first_token_ms_max)
        SELECT j.id, 1, v.id, d.id, v.size_bytes + 180000000, 4.2, 1000 / x.tps * 2.1, 'voltage_current', true,
               CASE v.quant_type WHEN 'f16' THEN 7.91 WHEN 'q8_0' THEN 7.93 WHEN 'q4_k' THEN 8.12 ELSE 8.41 END,
               CASE v.quant_type WHEN 'f16' THEN NULL WHEN 'q8_0' THEN 0.002 WHEN 'q4_k' THEN 0.031 ELSE 0.061 END,
               CASE v.quant_type WHEN 'f16' THEN 1 WHEN 'q8_0' THEN 0.994 WHEN 'q4_k' THEN 0.93 ELSE 0.88 END,
               38 + random() * 4, 0.02, 1200, 0, false, false, j.finished_at,
               5, x.tps, x.tps * 0.02, x.tps * 0.97, x.tps * 0.975, x.tps, x.tps * 1.025, x.tps * 1.03,
               320, 1000 / x.tps, 1000 / x.tps * 0.08, 1000 / x.tps * 0.85, 1000 / x.tps * 0.92, 1000 / x.tps, 1000 / x.tps * 1.1, 1000 / x.tps * 1.4,
               5, x.tps * 7.5, x.tps * 0.15, x.tps * 7.3, x.tps * 7.35, x.tps * 7.5, x.tps * 7.65, x.tps * 7.7,
               5, 128000 / (x.tps * 7.5), 128000 / (x.tps * 7.5) * 0.02, 128000 / (x.tps * 7.5) * 0.97, 128000 / (x.tps * 7.5) * 0.98,
               128000 / (x.tps * 7.5), 128000 / (x.tps * 7.5) * 1.02, 128000 / (x.tps * 7.5) * 1.03
        FROM run_jobs j JOIN devices d ON d.id = j.device_id
        JOIN unnest(@device_models::text[]) WITH ORDINALITY m(model, ordinality) ON m.model = d.model
        CROSS JOIN LATERAL unnest(j.variant_ids) vid
        JOIN variants v ON v.id = vid
        CROSS JOIN LATERAL (SELECT (6 + m.ordinality * 0.9)
            * CASE v.quant_type WHEN 'f16' THEN 1 WHEN 'q8_0' THEN 1.8 WHEN 'q4_k' THEN 2.7 ELSE 3.0 END
            * (1 + (random() - 0.5) * 0.06) AS tps) x;

        -- Every decoded token of the last nights (5 repetitions × 64 tokens per result).
        INSERT INTO token_timings (run_job_id, attempt, variant_id, repetition, token_index, ms)
        SELECT r.run_job_id, 1, r.variant_id, rep, idx, r.decode_ms_per_token_mean * (0.9 + random() * 0.2)
        FROM results r JOIN run_jobs j ON j.id = r.run_job_id JOIN runs ru ON ru.id = j.run_id
        CROSS JOIN generate_series(0, 4) rep CROSS JOIN generate_series(0, 63) idx
        WHERE ru.created_at >= date_trunc('day', now()) - make_interval(days => @token_nights);
        """;
}
