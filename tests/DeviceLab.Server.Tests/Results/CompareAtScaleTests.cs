using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DeviceLab.Server.Auth;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace DeviceLab.Server.Tests.Results;

/// <summary>
/// The compare page's workload: a year of nightly results of 20 device models × 4 variants (29 200 results), generated in
/// PostgreSQL. The query time is reported, not asserted (figures come from benchmarks, ADR 0094); the rows are checked.
/// </summary>
public sealed class CompareAtScaleTests(DeviceLabServerFixture server, ITestOutputHelper output) : IClassFixture<DeviceLabServerFixture>
{
    public const int Nights = 365, DeviceModels = 20, Variants = 4;

    [Fact]
    public async Task A_year_of_20_device_models_by_4_variants_compares_in_one_query()
    {
        var modelId = await SeedAsync(server.ConnectionString, "year");
        using var client = server.CreateClient(DeviceLabRole.Viewer);
        var url = $"/api/v1/results/compare?modelId={modelId}";

        var timings = new List<double>();
        JsonElement rows = default;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            rows = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            timings.Add(clock.Elapsed.TotalMilliseconds);
        }

        Assert.Equal(DeviceModels * Variants, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), r => Assert.Equal(Nights, r.GetProperty("results").GetInt32()));
        output.WriteLine($"compare over {Nights * DeviceModels * Variants} results: first {timings[0]:0} ms, then {string.Join(", ", timings.Skip(1).Select(t => $"{t:0}"))} ms");
        output.WriteLine(await ExplainAsync(server.ConnectionString, modelId));
    }

    /// <summary>Runs, jobs and results of one suite, one run per night, one device per device model, generated with generate_series.</summary>
    public static async Task<long> SeedAsync(string connectionString, string name)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 120;
        command.CommandText = $$"""
            INSERT INTO lab_hosts (name, queue_name, created_at, last_seen_at) VALUES ('{{name}}-host', '{{name}}_host', now(), now());
            INSERT INTO models (name, architecture, created_at) VALUES ('{{name}}', 'llama', now());
            INSERT INTO variants (model_id, quant_type, build_status, size_bytes, created_at)
              SELECT m.id, q.name, 'ready', q.size, now() FROM models m,
                (VALUES ('f16', 4000), ('q8_0', 2000), ('q4_k', 1200), ('q4_0', 1000)) AS q(name, size) WHERE m.name = '{{name}}';
            INSERT INTO devices (lab_host_id, serial, model, transport, properties, tags, state, is_virtual, created_at)
              SELECT h.id, '{{name}}-' || i, 'Phone ' || i, 'adb', '{}', '{}', 'online', false, now()
              FROM lab_hosts h, generate_series(1, {{DeviceModels}}) i WHERE h.name = '{{name}}-host';
            INSERT INTO suites (name, variant_ids, device_selector, parameters, enabled, created_at, updated_at)
              VALUES ('{{name}}-nightly', '{}', '{}', '{}', true, now(), now());
            INSERT INTO runs (suite_id, status, trigger, variant_ids, device_selector, parameters, created_at)
              SELECT s.id, 'succeeded', 'nightly', '{}', '{}', '{}', timestamptz '2025-11-01 02:00Z' + n * interval '1 day'
              FROM suites s, generate_series(0, {{Nights - 1}}) n WHERE s.name = '{{name}}-nightly';
            INSERT INTO run_jobs (run_id, device_id, variant_ids, attempt, status, is_partial, created_at)
              SELECT r.id, d.id, '{}', 1, 'succeeded', false, r.created_at
              FROM runs r JOIN suites s ON s.id = r.suite_id, devices d WHERE s.name = '{{name}}-nightly' AND d.serial LIKE '{{name}}-%';
            INSERT INTO results (run_job_id, attempt, variant_id, device_id, created_at, energy_valid, admission_forced_count, is_simulated, is_virtual,
                decode_ms_per_token_count, decode_ms_per_token_mean, decode_ms_per_token_std_dev, decode_ms_per_token_min,
                decode_ms_per_token_p10, decode_ms_per_token_p50, decode_ms_per_token_p90, decode_ms_per_token_max,
                decode_tokens_per_second_count, decode_tokens_per_second_mean, decode_tokens_per_second_std_dev, decode_tokens_per_second_min,
                decode_tokens_per_second_p10, decode_tokens_per_second_p50, decode_tokens_per_second_p90, decode_tokens_per_second_max,
                prefill_tokens_per_second_count, prefill_tokens_per_second_mean, prefill_tokens_per_second_std_dev, prefill_tokens_per_second_min,
                prefill_tokens_per_second_p10, prefill_tokens_per_second_p50, prefill_tokens_per_second_p90, prefill_tokens_per_second_max,
                time_to_first_token_ms_count, time_to_first_token_ms_mean, time_to_first_token_ms_std_dev, time_to_first_token_ms_min,
                time_to_first_token_ms_p10, time_to_first_token_ms_p50, time_to_first_token_ms_p90, time_to_first_token_ms_max,
                peak_memory_bytes, energy_mj_per_token, perplexity, kl_divergence, top1_agreement, thermal_max_c, throttled_share)
              SELECT j.id, 1, v.id, j.device_id, j.created_at + interval '30 minutes', true, 0, false, false,
                320, b.ms, b.ms * 0.05, b.ms * 0.9, b.ms * 0.95, b.ms, b.ms * 1.08, b.ms * 1.3,
                5, 1000 / b.ms, 2, 900 / b.ms, 950 / b.ms, 1000 / b.ms, 1050 / b.ms, 1100 / b.ms,
                5, 200 + random() * 20, 5, 190, 195, 200, 210, 220,
                5, 600 + random() * 50, 20, 560, 580, 600, 640, 660,
                (v.size_bytes * 100000 + random() * 1000)::bigint, 40 + random() * 10, 12 + random(), random() * 0.1, 0.9 + random() * 0.1,
                40 + random() * 5, random() * 0.2
              FROM run_jobs j JOIN runs r ON r.id = j.run_id JOIN suites s ON s.id = r.suite_id
                JOIN variants v ON v.model_id = (SELECT id FROM models WHERE name = '{{name}}')
                CROSS JOIN LATERAL (SELECT 10 + v.size_bytes / 200.0 + random() * 2 AS ms) b
              WHERE s.name = '{{name}}-nightly';
            ANALYZE results; ANALYZE run_jobs; ANALYZE runs; ANALYZE devices; ANALYZE variants;
            SELECT id FROM models WHERE name = '{{name}}';
            """;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> ExplainAsync(string connectionString, long modelId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT count(*) FROM results r JOIN variants v ON v.id = r.variant_id WHERE v.model_id = {modelId} AND r.created_at >= '2026-10-01'",
            connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return "a month of one model: " + string.Join("\n  ", lines);
    }
}
