using DeviceLab.Core.Runs;
using DeviceLab.Server.Data;
using DeviceLab.Server.Leases;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Keeps jobs moving when their lab host disappeared without a word. A reclaimed (expired) lease marks its attempt
/// interrupted (<c>lease_lost</c>, stored data flagged partial) and queues a new attempt on the same device — unless
/// the job was interrupted too often. Queued attempts that never got a Hangfire job (a crash right after they were
/// stored) are enqueued by <see cref="EnqueueOrphansAsync"/>.
/// </summary>
public sealed class RunJobRecovery(
    DeviceLabDataSource dataSource, AttemptCompletion completion, RunJobQueue queue, IOptions<RunOptions> options, ILogger<RunJobRecovery> logger)
    : ILeaseReclaimedHandler
{
    /// <summary>How long a queued attempt may stay without a Hangfire job before the sweep enqueues it.</summary>
    private static readonly TimeSpan OrphanAge = TimeSpan.FromSeconds(3);

    public async Task OnReclaimedAsync(IReadOnlyList<ReclaimedLease> leases, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var lease in leases)
        {
            await AttemptBeginning.MarkInterruptedAsync(connection, transaction, lease.RunJobId, lease.Attempt,
                "its lease expired: the lab host running it stopped renewing it", cancellationToken, RunJobErrorCodes.LeaseLost);
            var job = await ReadJobAsync(connection, transaction, lease.RunJobId, cancellationToken);
            if (job is not { } current || current.Attempt != lease.Attempt || current.Status is "succeeded" or "failed" or "cancelled") continue;
            logger.LogWarning("Run job {RunJobId} attempt {Attempt} lost its lease on device {DeviceId}; resuming with a new attempt",
                lease.RunJobId, lease.Attempt, lease.DeviceId);
            var interruptions = await Sql.ScalarAsync<long>(connection, transaction,
                "SELECT count(*) FROM run_job_attempts WHERE run_job_id = $1 AND status = 'interrupted'", cancellationToken, lease.RunJobId);
            if (interruptions > options.Value.MaxInterruptions)
                await completion.FailJobAsync(lease.RunJobId, current.RunId, RunJobErrorCodes.LeaseLost,
                    $"interrupted {interruptions} times (limit DeviceLab:Runs:MaxInterruptions = {options.Value.MaxInterruptions})", connection, transaction, cancellationToken);
            else
                await completion.CreateNextAttemptAsync(lease.RunJobId, lease.Attempt, deviceId: null, current.RunId, connection, transaction, cancellationToken);
        }
    }

    /// <summary>Enqueues queued attempts that have no Hangfire job; safe on every node at once (each claims its rows first).</summary>
    public async Task EnqueueOrphansAsync(CancellationToken cancellationToken)
    {
        var claimed = new List<(long RunJobId, int Attempt, long DeviceId)>();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var claim = new NpgsqlCommand(
            """
            UPDATE run_job_attempts a SET hangfire_job_id = 'sweep:' || extract(epoch FROM clock_timestamp())::bigint
            FROM run_jobs j
            WHERE j.id = a.run_job_id AND j.attempt = a.attempt AND j.status IN ('queued', 'waiting_for_device')
              AND a.status = 'queued' AND a.created_at < clock_timestamp() - $1
              AND (a.hangfire_job_id IS NULL
                   OR (a.hangfire_job_id LIKE 'sweep:%' AND split_part(a.hangfire_job_id, ':', 2)::bigint < extract(epoch FROM clock_timestamp()) - 60))
            RETURNING a.run_job_id, a.attempt, a.device_id
            """, connection) { Parameters = { new() { Value = OrphanAge } } })
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) claimed.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2)));
        }
        foreach (var (runJobId, attempt, deviceId) in claimed)
        {
            logger.LogInformation("Run job {RunJobId} attempt {Attempt} had no Hangfire job; enqueuing it", runJobId, attempt);
            await queue.EnqueueForDeviceAsync(runJobId, attempt, deviceId, null, cancellationToken);
        }
    }

    private static async Task<(long RunId, string Status, int Attempt)?> ReadJobAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long runJobId, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT run_id, status, attempt FROM run_jobs WHERE id = $1 FOR UPDATE", connection, transaction)
        {
            Parameters = { new() { Value = runJobId } },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2)) : null;
    }
}
