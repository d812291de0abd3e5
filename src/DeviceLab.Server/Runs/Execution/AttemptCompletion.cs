using DeviceLab.Core.Live;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Data;
using DeviceLab.Server.Leases;
using DeviceLab.Server.Live;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Ends attempts and moves their jobs on, each time in one transaction: the attempt's outcome (what it stored
/// flagged partial unless it succeeded), the job's status — or a new attempt on a device of the same pool when the
/// failure is one a retry may fix and the job has attempts left (docs/decisions/0083) — the lease given back, the
/// run rolled up, and the live events. When the attempt holds a lease, the transaction first checks it
/// (<see cref="LeaseFence"/>): an attempt that lost its device writes nothing.
/// </summary>
public sealed class AttemptCompletion(
    DeviceLabDataSource dataSource, DeviceLeases leases, RunRollup rollup, RunJobQueue queue, LiveEventPublisher live,
    IOptions<RunOptions> options, ILogger<AttemptCompletion> logger)
{
    /// <exception cref="LeaseLostException">The attempt's lease is gone: nothing was written.</exception>
    public async Task<CompletionEffects> FinishAsync(AttemptPlan plan, LeaseHandle? lease, AttemptOutcome outcome, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (lease is not null) await LeaseFence.EnsureHeldAsync(connection, transaction, lease, $"ending {plan}", cancellationToken);
        var partial = await EndAttemptAsync(connection, transaction, plan.RunJobId, plan.Attempt, outcome, cancellationToken);

        (long, int, long)? retry = null;
        switch (outcome.Status)
        {
            case RunJobAttemptStatus.Succeeded:
                await SetJobAsync(connection, transaction, plan.RunJobId, "succeeded", null, null, false, finished: true, cancellationToken);
                break;
            case RunJobAttemptStatus.Cancelled:
                await SetJobAsync(connection, transaction, plan.RunJobId, "cancelled", outcome.ErrorCode, outcome.ErrorMessage, partial, finished: true, cancellationToken);
                break;
            case RunJobAttemptStatus.Interrupted:
                // The same Hangfire job is delivered again (requeued on shutdown) and resumes with a new attempt.
                await SetJobAsync(connection, transaction, plan.RunJobId, "queued", outcome.ErrorCode, outcome.ErrorMessage, partial, finished: false, cancellationToken);
                break;
            default:
                retry = await RetryOrFailAsync(connection, transaction, plan, outcome, partial, cancellationToken);
                break;
        }
        if (lease is not null) await leases.ReleaseAsync(lease, $"run job {plan.RunJobId} attempt {plan.Attempt} {outcome.Status.ToString().ToLowerInvariant()}", connection, transaction, cancellationToken);
        var ended = await rollup.UpdateAsync(plan.RunId, connection, transaction, cancellationToken);
        await PublishJobAsync(connection, transaction, plan.RunJobId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CompletionEffects(plan.RunId, ended, retry);
    }

    /// <summary>Queues the retry and the observers' call; after the commit of whatever produced <paramref name="effects"/>.</summary>
    public async Task AfterCommitAsync(CompletionEffects effects, CancellationToken cancellationToken)
    {
        if (effects.Retry is { } retry) await queue.EnqueueForDeviceAsync(retry.RunJobId, retry.Attempt, retry.DeviceId, null, cancellationToken);
        rollup.AfterCommit(effects.RunId, effects.RunEnded);
    }

    /// <summary>A cancelled job whose attempt never started.</summary>
    public async Task<CompletionEffects> CancelUnstartedAsync(long runJobId, int attempt, long runId, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await EndAttemptAsync(connection, transaction, runJobId, attempt, AttemptOutcome.Cancelled("cancelled before it started"), cancellationToken);
        await SetJobAsync(connection, transaction, runJobId, "cancelled", RunJobErrorCodes.Cancelled, "cancelled before it started", false, finished: true, cancellationToken);
        var ended = await rollup.UpdateAsync(runId, connection, transaction, cancellationToken);
        await PublishJobAsync(connection, transaction, runJobId, cancellationToken);
        return new CompletionEffects(runId, ended);
    }

    /// <summary>Fails the job for good (its newest attempt keeps its own outcome).</summary>
    public async Task<CompletionEffects> FailJobAsync(long runJobId, long runId, string code, string message, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await SetJobAsync(connection, transaction, runJobId, "failed", code, message, null, finished: true, cancellationToken);
        var ended = await rollup.UpdateAsync(runId, connection, transaction, cancellationToken);
        await PublishJobAsync(connection, transaction, runJobId, cancellationToken);
        return new CompletionEffects(runId, ended);
    }

    /// <summary>Adds attempt <paramref name="attempt"/> + 1 (queued) on <paramref name="deviceId"/> (null: the same device) and points the job at it.</summary>
    public async Task CreateNextAttemptAsync(long runJobId, int attempt, long? deviceId, long runId, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken, string? hangfireJobId = null)
    {
        NpgsqlParameter Device() => new() { Value = (object?)deviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint };
        NpgsqlParameter Hangfire() => new() { Value = (object?)hangfireJobId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
        await Sql.ExecuteAsync(connection, transaction,
            """
            INSERT INTO run_job_attempts (run_job_id, attempt, device_id, status, is_partial, stored_through_seq, repetitions_done, repetitions_total, hangfire_job_id, created_at)
            SELECT run_job_id, attempt + 1, coalesce($3, device_id), 'queued', false, 0, 0, repetitions_total, $4, clock_timestamp()
            FROM run_job_attempts WHERE run_job_id = $1 AND attempt = $2
            """, cancellationToken, runJobId, attempt, Device(), Hangfire());
        await Sql.ExecuteAsync(connection, transaction,
            """
            UPDATE run_jobs SET attempt = $2 + 1, device_id = coalesce($3, device_id), status = 'queued', lease_fencing_token = NULL, hangfire_job_id = $4
            WHERE id = $1
            """, cancellationToken, runJobId, attempt, Device(), Hangfire());
        await PublishJobAsync(connection, transaction, runJobId, cancellationToken);
        logger.LogInformation("Run job {RunJobId}: attempt {Attempt} queued{Device}", runJobId, attempt + 1, deviceId is null ? "" : $" on device {deviceId}");
    }

    /// <summary>Retries on a device of the pool when the failure allows it and attempts are left; fails the job otherwise.</summary>
    private async Task<(long, int, long)?> RetryOrFailAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AttemptPlan plan, AttemptOutcome outcome, bool partial, CancellationToken cancellationToken)
    {
        if (RunJobErrorCodes.IsRetryable(outcome.ErrorCode))
        {
            var failures = await Sql.ScalarAsync<long>(connection, transaction,
                "SELECT count(*) FROM run_job_attempts WHERE run_job_id = $1 AND status = 'failed' AND error_code = ANY($2)",
                cancellationToken, plan.RunJobId, RetryableCodes);
            if (failures < options.Value.MaxAttempts && await RetryDevice.ChooseAsync(plan.RunId, plan.DeviceId, connection, transaction, cancellationToken) is { } device)
            {
                await CreateNextAttemptAsync(plan.RunJobId, plan.Attempt, device, plan.RunId, connection, transaction, cancellationToken);
                return (plan.RunJobId, plan.Attempt + 1, device);
            }
            var why = failures >= options.Value.MaxAttempts
                ? $" (no retry: {failures} of {options.Value.MaxAttempts} attempts used, DeviceLab:Runs:MaxAttempts)"
                : " (no retry: no other device of the pool is online)";
            await SetJobAsync(connection, transaction, plan.RunJobId, "failed", outcome.ErrorCode, outcome.ErrorMessage + why, partial, finished: true, cancellationToken);
            return null;
        }
        await SetJobAsync(connection, transaction, plan.RunJobId, "failed", outcome.ErrorCode, outcome.ErrorMessage, partial, finished: true, cancellationToken);
        return null;
    }

    private static readonly string[] RetryableCodes =
        [RunJobErrorCodes.DeviceLost, RunJobErrorCodes.DeviceOffline, RunJobErrorCodes.AgentCrashed, RunJobErrorCodes.Timeout, RunJobErrorCodes.LeaseLost, RunJobErrorCodes.PushFailed];

    /// <summary>Stores the attempt's outcome; returns whether it keeps partial data.</summary>
    private static async Task<bool> EndAttemptAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long runJobId, int attempt, AttemptOutcome outcome, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            """
            UPDATE run_job_attempts SET status = $3, error_code = $4, error_message = $5, agent_exit_code = $6, finished_at = clock_timestamp(),
                is_partial = $3 <> 'succeeded' AND (
                       EXISTS (SELECT 1 FROM telemetry_samples s WHERE s.run_job_id = $1 AND s.attempt = $2)
                    OR EXISTS (SELECT 1 FROM token_timings t WHERE t.run_job_id = $1 AND t.attempt = $2)
                    OR EXISTS (SELECT 1 FROM results r WHERE r.run_job_id = $1 AND r.attempt = $2))
            WHERE run_job_id = $1 AND attempt = $2 AND status IN ('queued', 'running')
            RETURNING is_partial
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = runJobId }, new() { Value = attempt }, new() { Value = Data.SnakeCaseEnumConverter<RunJobAttemptStatus>.NameOf(outcome.Status) },
                new() { Value = (object?)outcome.ErrorCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = (object?)outcome.ErrorMessage ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = (object?)outcome.AgentExitCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer },
            },
        };
        return await update.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static Task SetJobAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long runJobId, string status, string? code, string? message, bool? partial, bool finished, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(connection, transaction,
            """
            UPDATE run_jobs SET status = $2, error_code = $3, error_message = $4, is_partial = coalesce($5, is_partial),
                finished_at = CASE WHEN $6 THEN clock_timestamp() ELSE finished_at END
            WHERE id = $1
            """, cancellationToken, runJobId, status,
            new NpgsqlParameter { Value = (object?)code ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)message ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)partial ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean },
            finished);

    /// <summary>Publishes the job as stored now (delivered on commit).</summary>
    public async Task PublishJobAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long runJobId, CancellationToken cancellationToken, string? step = null)
    {
        await using var select = new NpgsqlCommand(
            """
            SELECT j.run_id, j.attempt, j.device_id, j.status, j.error_code, j.error_message, j.is_partial, a.repetitions_done, a.repetitions_total
            FROM run_jobs j JOIN run_job_attempts a ON a.run_job_id = j.id AND a.attempt = j.attempt WHERE j.id = $1
            """, connection, transaction) { Parameters = { new() { Value = runJobId } } };
        JobProgress progress;
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return;
            var status = Enum.GetValues<RunJobStatus>().Single(s => Data.SnakeCaseEnumConverter<RunJobStatus>.NameOf(s) == reader.GetString(3));
            progress = new JobProgress(reader.GetInt64(0), runJobId, reader.GetInt32(1), reader.GetInt64(2), status, status == RunJobStatus.Running ? step : null,
                reader.GetInt32(7), reader.GetInt32(8), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetBoolean(6), DateTimeOffset.UtcNow);
        }
        await live.JobChangedAsync(progress, connection, transaction, cancellationToken);
    }
}
