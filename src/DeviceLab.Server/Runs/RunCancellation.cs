using DeviceLab.Server.Data;
using DeviceLab.Server.Live;
using DeviceLab.Server.Runs.Execution;
using Npgsql;

namespace DeviceLab.Server.Runs;

/// <summary>
/// Cancels a run: jobs that have not started end as cancelled at once; running ones are told to stop through the
/// control channel (the node holding the device closes the agent's stream, kills it on a phone, and ends the attempt
/// as cancelled, keeping what it measured flagged partial). Finished jobs keep their results.
/// </summary>
public sealed class RunCancellation(DeviceLabDataSource dataSource, AttemptCompletion completion, RunRollup rollup)
{
    /// <returns>False when the run does not exist or has already ended.</returns>
    public async Task<bool> CancelAsync(long runId, string? requestedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var reason = $"cancelled by {requestedBy ?? "an anonymous user"}";
        if (await Sql.ExecuteAsync(connection, transaction,
                """
                UPDATE runs SET cancel_requested_at = coalesce(cancel_requested_at, clock_timestamp()), cancel_reason = coalesce(cancel_reason, $2)
                WHERE id = $1 AND status NOT IN ('succeeded', 'failed', 'cancelled')
                """, cancellationToken, runId, reason) == 0)
            return false;
        var jobs = new List<(long Id, string Status, int Attempt)>();
        await using (var mark = new NpgsqlCommand(
            """
            UPDATE run_jobs SET cancel_requested_at = coalesce(cancel_requested_at, clock_timestamp())
            WHERE run_id = $1 AND status NOT IN ('succeeded', 'failed', 'cancelled')
            RETURNING id, status, attempt
            """, connection, transaction) { Parameters = { new() { Value = runId } } })
        await using (var reader = await mark.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) jobs.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2)));
        }
        var effects = new List<CompletionEffects>();
        foreach (var (id, status, attempt) in jobs)
        {
            if (status is "queued" or "waiting_for_device")
                effects.Add(await completion.CancelUnstartedAsync(id, attempt, runId, connection, transaction, cancellationToken));
            // Also for jobs that wait: their worker may be inside the lease loop.
            await LiveEventPublisher.RequestCancelAsync(id, connection, transaction, cancellationToken);
        }
        var ended = await rollup.UpdateAsync(runId, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var effect in effects) await completion.AfterCommitAsync(effect, cancellationToken);
        rollup.AfterCommit(runId, ended);
        return true;
    }
}
