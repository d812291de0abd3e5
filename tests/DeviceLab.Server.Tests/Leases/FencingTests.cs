using System.Text.Json.Nodes;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Data;
using DeviceLab.Server.Leases;
using DeviceLab.Server.Runs.Execution;
using DeviceLab.Server.Runs.Ingestion;
using DeviceLab.Server.Tests.Runs.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DeviceLab.Server.Tests.Leases;

/// <summary>Leases and their fencing tokens on real PostgreSQL: a job whose lease was taken over cannot write.</summary>
public sealed class FencingTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    private DeviceLeases Leases => server.Factory.Services.GetRequiredService<DeviceLeases>();

    [Fact]
    public async Task A_job_whose_lease_expired_and_was_taken_over_cannot_store_events_or_its_end_and_the_new_holder_can()
    {
        var rows = await TestRows.CreateAsync(server, jobs: 2);
        var (staleJob, currentJob) = (rows.JobIds[0], rows.JobIds[1]);
        var stale = Assert.IsType<LeaseAcquisition.Acquired>(await Leases.TryAcquireAsync(rows.DeviceId, staleJob, 1, default)).Lease;
        await ExecuteAsync("UPDATE run_job_attempts SET status = 'running' WHERE run_job_id = $1", staleJob);
        Assert.IsType<LeaseAcquisition.Busy>(await Leases.TryAcquireAsync(rows.DeviceId, currentJob, 1, default));

        // The holder stops renewing (a paused or cut-off lab host): its lease expires and the next job takes the device.
        await ExecuteAsync("UPDATE device_leases SET expires_at = clock_timestamp() - interval '1 second' WHERE id = $1", stale.LeaseId);
        var current = Assert.IsType<LeaseAcquisition.Acquired>(await Leases.TryAcquireAsync(rows.DeviceId, currentJob, 1, default)).Lease;
        Assert.Equal(stale.FencingToken + 1, current.FencingToken);

        // The old holder comes back and tries to write: events, its end, a heartbeat — all refused, nothing stored.
        var lost = await Assert.ThrowsAsync<LeaseLostException>(() => IngestAsync(rows, staleJob, stale));
        Assert.Contains($"fencing token", lost.Message);
        var completion = server.Factory.Services.GetRequiredService<AttemptCompletion>();
        await Assert.ThrowsAsync<LeaseLostException>(() => completion.FinishAsync(Plan(rows, staleJob), stale, AttemptOutcome.Succeeded(0), default));
        Assert.False(await Leases.HeartbeatAsync(stale, default));
        await using (var db = server.CreateDbContext())
        {
            Assert.Equal(0, await db.TelemetrySamples.CountAsync(s => s.RunJobId == staleJob));
            Assert.Equal(0, await db.TokenTimings.CountAsync(t => t.RunJobId == staleJob));
            Assert.Equal(0, await db.Results.CountAsync(r => r.RunJobId == staleJob));
            var attempt = await db.RunJobAttempts.AsNoTracking().SingleAsync(a => a.RunJobId == staleJob && a.Attempt == 1);
            Assert.Equal(RunJobAttemptStatus.Interrupted, attempt.Status); // the reclaim said so, not the stale holder
            Assert.Equal(RunJobErrorCodes.LeaseLost, attempt.ErrorCode);
        }

        // The current holder writes the same kind of events.
        await IngestAsync(rows, currentJob, current);
        await using (var db = server.CreateDbContext())
        {
            Assert.Equal(2, await db.TelemetrySamples.CountAsync(s => s.RunJobId == currentJob));
            Assert.Equal(3, await db.TokenTimings.CountAsync(t => t.RunJobId == currentJob));
            Assert.Equal(1, await db.Results.CountAsync(r => r.RunJobId == currentJob));
        }
        Assert.True(await Leases.ReleaseAsync(current, "test over", default));
    }

    [Fact]
    public async Task At_most_one_lease_per_device_is_active_even_when_jobs_race_for_it()
    {
        var rows = await TestRows.CreateAsync(server, jobs: 8);
        var results = await Task.WhenAll(rows.JobIds.Select(job => Task.Run(() => Leases.TryAcquireAsync(rows.DeviceId, job, 1, default))));

        var acquired = Assert.Single(results.OfType<LeaseAcquisition.Acquired>());
        Assert.Equal(7, results.OfType<LeaseAcquisition.Busy>().Count());
        Assert.All(results.OfType<LeaseAcquisition.Busy>(), busy => Assert.Equal(acquired.Lease.RunJobId, busy.HolderRunJobId));
        await using var db = server.CreateDbContext();
        Assert.Equal(Core.Devices.DeviceState.Busy, (await db.Devices.AsNoTracking().SingleAsync(d => d.Id == rows.DeviceId)).State);
        Assert.True(await Leases.ReleaseAsync(acquired.Lease, "test over", default));
        Assert.Equal(Core.Devices.DeviceState.Online, (await db.Devices.AsNoTracking().SingleAsync(d => d.Id == rows.DeviceId)).State);
    }

    [Fact]
    public async Task A_quarantined_or_offline_device_is_not_leased()
    {
        var rows = await TestRows.CreateAsync(server);
        await ExecuteAsync("UPDATE devices SET quarantined_at = clock_timestamp(), quarantine_reason = 'flaky USB' WHERE id = $1", rows.DeviceId);
        var quarantined = Assert.IsType<LeaseAcquisition.Unavailable>(await Leases.TryAcquireAsync(rows.DeviceId, rows.JobIds[0], 1, default));
        Assert.True(quarantined.Quarantined);
        Assert.Contains("flaky USB", quarantined.Reason);

        await ExecuteAsync("UPDATE devices SET quarantined_at = NULL, is_connected = false, state_reason = 'liveness probe failed' WHERE id = $1", rows.DeviceId);
        var offline = Assert.IsType<LeaseAcquisition.Unavailable>(await Leases.TryAcquireAsync(rows.DeviceId, rows.JobIds[0], 1, default));
        Assert.False(offline.Quarantined);
        Assert.Contains("offline (liveness probe failed)", offline.Reason);
    }

    private async Task IngestAsync(TestRows rows, long jobId, LeaseHandle lease)
    {
        var label = "v-q4_0";
        var target = new IngestionTarget(rows.RunId, jobId, 1, rows.DeviceId, lease,
            new Dictionary<string, IngestedVariant> { [label] = new(rows.VariantId, label, rows.VariantSha256) }, 1, true, new JsonObject());
        var lines = new AgentLines(label, rows.VariantSha256);
        await using var ingestion = AttemptIngestion.Start(target, server.Factory.Services.GetRequiredService<IngestionWriter>());
        foreach (var line in new[] { lines.Hello(), lines.Sample(5, 4100), lines.Sample(255, 4090), lines.Token(0, 0, 30), lines.Token(0, 1, 31), lines.Token(0, 2, 29), lines.Result(30, 31, 29) })
            await ingestion.AcceptLineAsync(line, DateTimeOffset.UtcNow, default);
        await ingestion.CompleteAsync();
    }

    private static AttemptPlan Plan(TestRows rows, long jobId) => new(rows.RunId, jobId, 1, rows.DeviceId, Core.Devices.DeviceTransport.Adb, "serial", "host", "x86_64", true,
        DateTimeOffset.UtcNow, [new PlannedVariant(rows.VariantId, "v-q4_0", Core.Models.QuantType.Q4_0, rows.VariantSha256, 1)],
        Core.Suites.SuiteParameters.Default, new Core.Suites.DeviceSelector(["pixel-7"], []), new PhaseLimits(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));

    private async Task ExecuteAsync(string sql, long id)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await Sql.ExecuteAsync(connection, null, sql, default, id);
    }
}
