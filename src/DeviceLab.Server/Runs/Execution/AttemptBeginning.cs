using DeviceLab.Core.Runs;
using DeviceLab.Server.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Decides what a delivery of (run job, attempt) does — Hangfire may deliver a job again after a lab host stopped,
/// so this must be safe to repeat. A queued attempt runs. An attempt left running whose lease is gone was cut off
/// (its host stopped): it is marked interrupted with what it stored flagged partial, and a new attempt on the same
/// device takes over, so the resumed job never writes into the old attempt's keys (no duplicate results). A delivery
/// for an older attempt, a finished job or a cancelled one does nothing.
/// </summary>
public sealed class AttemptBeginning(DeviceLabDataSource dataSource, AttemptCompletion completion, IOptions<RunOptions> options)
{
    public async Task<AttemptDecision> DecideAsync(long runJobId, int attempt, string? hangfireJobId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var job = await ReadJobAsync(connection, transaction, runJobId, cancellationToken);
        if (job is null) return new AttemptDecision.Skip($"run job {runJobId} does not exist");
        if (job.Value.Status is "succeeded" or "failed" or "cancelled") return new AttemptDecision.Skip($"run job {runJobId} already ended ({job.Value.Status})");
        if (job.Value.Attempt != attempt) return new AttemptDecision.Skip($"run job {runJobId} is at attempt {job.Value.Attempt}, not {attempt}");

        var status = await Sql.ScalarAsync<string>(connection, transaction,
            "SELECT status FROM run_job_attempts WHERE run_job_id = $1 AND attempt = $2", cancellationToken, runJobId, attempt);
        if (job.Value.CancelRequested)
        {
            var cancelled = await completion.CancelUnstartedAsync(runJobId, attempt, job.Value.RunId, connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await completion.AfterCommitAsync(cancelled, cancellationToken);
            return new AttemptDecision.Skip($"run job {runJobId} was cancelled");
        }
        if (status == "running")
        {
            var leaseLeft = await Sql.ScalarAsync<TimeSpan?>(connection, transaction,
                """
                SELECT greatest(expires_at - clock_timestamp(), interval '0') FROM device_leases
                WHERE run_job_id = $1 AND attempt = $2 AND released_at IS NULL AND expires_at > clock_timestamp()
                """, cancellationToken, runJobId, attempt);
            if (leaseLeft is { } left) return new AttemptDecision.Later(left + TimeSpan.FromSeconds(1), $"attempt {attempt} of run job {runJobId} still holds its lease");
            await MarkInterruptedAsync(connection, transaction, runJobId, attempt, "its lab host stopped while it ran (server restart or crash)", cancellationToken);
            status = "interrupted";
        }
        if (status == "interrupted")
        {
            var (next, effects) = await ResumeAsync(connection, transaction, runJobId, attempt, job.Value.RunId, hangfireJobId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await completion.AfterCommitAsync(effects, cancellationToken);
            return next is { } resumed ? new AttemptDecision.Run(runJobId, resumed) : new AttemptDecision.Skip($"run job {runJobId} was interrupted too often");
        }
        if (status != "queued") return new AttemptDecision.Skip($"attempt {attempt} of run job {runJobId} is {status}");
        await Sql.ExecuteAsync(connection, transaction,
            "UPDATE run_job_attempts SET hangfire_job_id = coalesce($3, hangfire_job_id) WHERE run_job_id = $1 AND attempt = $2",
            cancellationToken, runJobId, attempt, (object?)hangfireJobId ?? DBNull.Value);
        await transaction.CommitAsync(cancellationToken);
        return new AttemptDecision.Run(runJobId, attempt);
    }

    /// <summary>Marks a running attempt interrupted (by whoever finds it cut off) and flags what it stored as partial.</summary>
    public static Task MarkInterruptedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long runJobId, int attempt, string why,
        CancellationToken cancellationToken, string code = RunJobErrorCodes.Interrupted) =>
        Sql.ExecuteAsync(connection, transaction,
            """
            UPDATE run_job_attempts SET status = 'interrupted', error_code = $3, error_message = $4, finished_at = clock_timestamp(),
                is_partial = EXISTS (SELECT 1 FROM telemetry_samples s WHERE s.run_job_id = $1 AND s.attempt = $2)
                          OR EXISTS (SELECT 1 FROM token_timings t WHERE t.run_job_id = $1 AND t.attempt = $2)
                          OR EXISTS (SELECT 1 FROM results r WHERE r.run_job_id = $1 AND r.attempt = $2)
            WHERE run_job_id = $1 AND attempt = $2 AND status = 'running'
            """, cancellationToken, runJobId, attempt, code, why);

    /// <summary>Creates the next attempt on the same device, unless the job was interrupted too often (then it fails).</summary>
    private async Task<(int? Next, CompletionEffects Effects)> ResumeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long runJobId, int attempt, long runId, string? hangfireJobId, CancellationToken cancellationToken)
    {
        var interruptions = await Sql.ScalarAsync<long>(connection, transaction,
            "SELECT count(*) FROM run_job_attempts WHERE run_job_id = $1 AND status = 'interrupted'", cancellationToken, runJobId);
        if (interruptions > options.Value.MaxInterruptions)
        {
            var failed = await completion.FailJobAsync(runJobId, runId, RunJobErrorCodes.Interrupted,
                $"interrupted {interruptions} times (limit {options.Value.MaxInterruptions}, DeviceLab:Runs:MaxInterruptions)", connection, transaction, cancellationToken);
            return (null, failed);
        }
        await completion.CreateNextAttemptAsync(runJobId, attempt, deviceId: null, runId, connection, transaction, cancellationToken, hangfireJobId);
        return (attempt + 1, new CompletionEffects(runId, RunEnded: false));
    }

    private static async Task<(long RunId, string Status, int Attempt, bool CancelRequested)?> ReadJobAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long runJobId, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            "SELECT run_id, status, attempt, cancel_requested_at IS NOT NULL FROM run_jobs WHERE id = $1 FOR UPDATE", connection, transaction)
        {
            Parameters = { new() { Value = runJobId } },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetBoolean(3));
    }
}
