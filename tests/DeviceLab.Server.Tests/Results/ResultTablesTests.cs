using System.Text.Json;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Models;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Statistics;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using DeviceLab.Server.Results;
using DeviceLab.Server.Runs;
using DeviceLab.Server.Suites;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace DeviceLab.Server.Tests.Results;

/// <summary>The result tables keep what the farm measures: summaries with spread, context, and bulk rows.</summary>
public sealed class ResultTablesTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task A_result_keeps_its_summaries_context_and_flags_and_is_unique_per_job_attempt_and_variant()
    {
        var job = await CreateRunJobAsync();
        var decode = SampleSummary.Of([31.5, 32.0, 33.1, 30.9, 32.4]);
        await using (var db = server.CreateDbContext())
        {
            db.Results.Add(NewResult(job, decode));
            await db.SaveChangesAsync();
        }

        await using (var db = server.CreateDbContext())
        {
            var stored = await db.Results.AsNoTracking().SingleAsync(r => r.RunJobId == job.RunJobId);
            Assert.Equal(decode, stored.DecodeMsPerToken);
            Assert.Null(stored.PrefillTokensPerSecond); // not measured stays unknown, not zero
            Assert.Equal("Pixel 7", stored.Context!.Value.GetProperty("device_model").GetString());
            Assert.True(stored.IsVirtual);

            db.Results.Add(NewResult(job, decode));
            var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(duplicate.InnerException).SqlState);
        }
    }

    [Fact]
    public async Task Enums_are_stored_as_readable_names_and_json_columns_as_jsonb()
    {
        var job = await CreateRunJobAsync();

        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT j.status, v.quant_type, r.parameters ->> 'generated_tokens', jsonb_typeof(r.device_selector -> 'tags')
            FROM run_jobs j JOIN runs r ON r.id = j.run_id JOIN variants v ON v.id = j.variant_ids[1] WHERE j.id = $1
            """, connection) { Parameters = { new() { Value = job.RunJobId } } };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("waiting_for_device", reader.GetString(0));
        Assert.Equal("q4_0", reader.GetString(1));
        Assert.Equal("64", reader.GetString(2));
        Assert.Equal("array", reader.GetString(3));
    }

    [Fact]
    public async Task Telemetry_samples_and_token_timings_load_in_bulk_with_COPY_and_read_back_through_EF()
    {
        var job = await CreateRunJobAsync();
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY telemetry_samples (run_job_id, attempt, offset_ms, metric, value, source) FROM STDIN (FORMAT BINARY)"))
            {
                for (var t = 0; t < 1000; t++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(job.RunJobId, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    await copy.WriteAsync(t * 250, NpgsqlDbType.Integer);
                    await copy.WriteAsync("battery_voltage_mv", NpgsqlDbType.Text);
                    await copy.WriteAsync(3850.0 - t * 0.1, NpgsqlDbType.Double);
                    await copy.WriteAsync("simulated", NpgsqlDbType.Text);
                }
                await copy.CompleteAsync();
            }
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY token_timings (run_job_id, attempt, variant_id, repetition, token_index, ms) FROM STDIN (FORMAT BINARY)"))
            {
                for (var token = 0; token < 64; token++)
                    await copy.WriteRowAsync(CancellationToken.None, job.RunJobId, 1, job.VariantId, 0, token, 30.0 + token % 3);
                await copy.CompleteAsync();
            }
        }

        await using var db = server.CreateDbContext();
        Assert.Equal(1000, await db.TelemetrySamples.CountAsync(s => s.RunJobId == job.RunJobId && s.Source == "simulated"));
        var timings = await db.TokenTimings.Where(t => t.RunJobId == job.RunJobId).OrderBy(t => t.TokenIndex).ToListAsync();
        Assert.Equal(64, timings.Count);
        Assert.Equal(31.0, timings[1].Ms);
    }

    private static BenchmarkResult NewResult((long RunJobId, long VariantId, long DeviceId) job, SampleSummary decode) => new()
    {
        RunJobId = job.RunJobId, Attempt = 1, VariantId = job.VariantId, DeviceId = job.DeviceId,
        DecodeMsPerToken = decode, PeakMemoryBytes = 734_003_200, EnergyValid = false, IsVirtual = true,
        Context = JsonDocument.Parse("""{"device_model":"Pixel 7","os_build":"UQ1A.240205.004"}""").RootElement,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>The rows a result hangs off: lab host, device, model, variant, suite, run, run job.</summary>
    private async Task<(long RunJobId, long VariantId, long DeviceId)> CreateRunJobAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var unique = Guid.NewGuid().ToString("N")[..8];
        await using var db = server.CreateDbContext();
        var host = await db.LabHosts.SingleAsync(h => h.Name == server.LabHostName);
        var device = new Device { LabHostId = host.Id, Serial = $"serial-{unique}", Model = "Pixel 7", State = DeviceState.Busy, CreatedAt = now };
        var model = new Model { Name = $"tinyllama-{unique}", CreatedAt = now };
        var variant = new Variant { Model = model, QuantType = QuantType.Q4_0, BuildStatus = VariantBuildStatus.Ready, CreatedAt = now };
        db.AddRange(device, model, variant);
        await db.SaveChangesAsync();
        var suite = new Suite
        {
            Name = $"nightly-{unique}", VariantIds = [variant.Id], DeviceSelector = new DeviceSelector(["pixel-7"], []),
            Parameters = SuiteParameters.Default, Cron = "0 2 * * *", CreatedAt = now, UpdatedAt = now,
        };
        var run = new Run
        {
            Suite = suite, Status = RunStatus.Running, Trigger = RunTrigger.Nightly, VariantIds = [variant.Id],
            DeviceSelector = suite.DeviceSelector, Parameters = suite.Parameters, CreatedAt = now,
        };
        var job = new RunJob { Run = run, DeviceId = device.Id, VariantIds = [variant.Id], Status = RunJobStatus.WaitingForDevice, CreatedAt = now };
        db.AddRange(suite, run, job);
        await db.SaveChangesAsync();
        return (job.Id, variant.Id, device.Id);
    }
}
