using System.Text.Json.Nodes;
using DeviceLab.Core.Live;
using DeviceLab.Server.Data;
using DeviceLab.Server.Leases;
using Npgsql;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>The writes of an attempt between its start and its end: waiting for the device, running, what preparing the device did.
/// Writes made under a lease check it first.</summary>
public sealed class AttemptProgress(DeviceLabDataSource dataSource, RunRollup rollup, AttemptCompletion completion)
{
    /// <summary>The job waits for its device's lease (another job holds it, or the device is briefly offline).</summary>
    public async Task MarkWaitingAsync(AttemptPlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await Sql.ExecuteAsync(connection, transaction,
            "UPDATE run_jobs SET status = 'waiting_for_device' WHERE id = $1 AND attempt = $2 AND status = 'queued'",
            cancellationToken, plan.RunJobId, plan.Attempt);
        if (changed == 0) return;
        await rollup.UpdateAsync(plan.RunId, connection, transaction, cancellationToken);
        await completion.PublishJobAsync(connection, transaction, plan.RunJobId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The attempt holds its lease and starts.</summary>
    public async Task MarkRunningAsync(AttemptPlan plan, LeaseHandle lease, string? hangfireJobId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LeaseFence.EnsureHeldAsync(connection, transaction, lease, $"starting {plan}", cancellationToken);
        // Only a queued attempt starts: one cancelled (or ended otherwise) while it waited for the lease stays ended.
        var started = await Sql.ExecuteAsync(connection, transaction,
            """
            UPDATE run_job_attempts SET status = 'running', started_at = clock_timestamp(), lease_fencing_token = $3, hangfire_job_id = coalesce($4, hangfire_job_id)
            WHERE run_job_id = $1 AND attempt = $2 AND status = 'queued'
            """, cancellationToken, plan.RunJobId, plan.Attempt, lease.FencingToken, HangfireId(hangfireJobId));
        if (started == 0) throw new AttemptNoLongerQueuedException($"{plan} is no longer queued (cancelled or ended while it waited)");
        await Sql.ExecuteAsync(connection, transaction,
            """
            UPDATE run_jobs SET status = 'running', started_at = coalesce(started_at, clock_timestamp()), lease_fencing_token = $3, device_id = $5,
                                hangfire_job_id = coalesce($4, hangfire_job_id)
            WHERE id = $1 AND attempt = $2
            """, cancellationToken, plan.RunJobId, plan.Attempt, lease.FencingToken, HangfireId(hangfireJobId), plan.DeviceId);
        await rollup.UpdateAsync(plan.RunId, connection, transaction, cancellationToken);
        await completion.PublishJobAsync(connection, transaction, plan.RunJobId, cancellationToken, JobSteps.Preparing);
        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlParameter HangfireId(string? id) => new() { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    /// <summary>Stores what preparing the device did (files pushed or present, settings applied or unsupported).</summary>
    public async Task RecordPreparationAsync(AttemptPlan plan, LeaseHandle lease, JsonObject preparation, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LeaseFence.EnsureHeldAsync(connection, transaction, lease, $"recording the preparation of {plan}", cancellationToken);
        await Sql.ExecuteAsync(connection, transaction,
            "UPDATE run_job_attempts SET preparation = $3 WHERE run_job_id = $1 AND attempt = $2", cancellationToken, plan.RunJobId, plan.Attempt,
            new NpgsqlParameter { Value = preparation.ToJsonString(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        await completion.PublishJobAsync(connection, transaction, plan.RunJobId, cancellationToken, JobSteps.Benchmarking);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Tells live viewers what the attempt is doing now (nothing stored).</summary>
    public async Task PublishStepAsync(AttemptPlan plan, string step, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await completion.PublishJobAsync(connection, null, plan.RunJobId, cancellationToken, step);
    }
}

/// <summary>The attempt ended (e.g. was cancelled) while its worker waited for the lease: it must give the device back and stop.</summary>
public sealed class AttemptNoLongerQueuedException(string message) : Exception(message);
