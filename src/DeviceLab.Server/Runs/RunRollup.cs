using DeviceLab.Core.Live;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Data;
using DeviceLab.Server.Live;
using Hangfire;
using Npgsql;

namespace DeviceLab.Server.Runs;

/// <summary>
/// A run's status follows its jobs: queued until one starts, running while any is not finished, then failed if any
/// failed, cancelled if it was cancelled, succeeded otherwise. Called in the transaction that changed a job; the run
/// row is locked first, so two jobs finishing at once cannot both miss the end. When the run reaches its end,
/// <see cref="AfterCommitAsync"/> queues the one call of every <see cref="IRunFinishedObserver"/>.
/// </summary>
public sealed class RunRollup(DeviceLabDataSource dataSource, LiveEventPublisher live, IBackgroundJobClient jobs)
{
    /// <summary>Updates the run of <paramref name="runId"/>; returns true when this call ended the run.</summary>
    public async Task<bool> UpdateAsync(long runId, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        string status;
        long? suiteId;
        bool cancelRequested;
        await using (var lockRun = new NpgsqlCommand("SELECT status, suite_id, cancel_requested_at IS NOT NULL FROM runs WHERE id = $1 FOR UPDATE", connection, transaction)
        {
            Parameters = { new() { Value = runId } },
        })
        await using (var reader = await lockRun.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException($"run {runId} does not exist");
            (status, suiteId, cancelRequested) = (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetBoolean(2));
        }
        var tally = await TallyAsync(runId, connection, transaction, cancellationToken);
        var next = Next(tally, cancelRequested);
        var ended = false;
        if (!IsTerminal(status))
        {
            await using var update = new NpgsqlCommand(
                """
                UPDATE runs SET status = $2,
                    started_at = CASE WHEN $2 <> 'queued' THEN coalesce(started_at, clock_timestamp()) ELSE started_at END,
                    finished_at = CASE WHEN $2 IN ('succeeded', 'failed', 'cancelled') THEN clock_timestamp() ELSE finished_at END
                WHERE id = $1
                """, connection, transaction)
            {
                Parameters = { new() { Value = runId }, new() { Value = Name(next) } },
            };
            await update.ExecuteNonQueryAsync(cancellationToken);
            ended = IsTerminal(Name(next));
        }
        else
        {
            next = Parse(status);
        }
        await live.RunChangedAsync(new RunProgress(runId, suiteId, next, tally, DateTimeOffset.UtcNow), connection, transaction, cancellationToken);
        return ended;
    }

    /// <summary>After the commit of an <see cref="UpdateAsync"/> that ended the run: queue the observers' call.</summary>
    public void AfterCommit(long runId, bool ended)
    {
        if (ended) jobs.Enqueue<RunFinishedNotification>(notification => notification.NotifyAsync(runId, CancellationToken.None));
    }

    /// <summary>Publishes the run's current progress (e.g. right after it was created).</summary>
    public async Task PublishAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ended = await UpdateAsync(runId, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        AfterCommit(runId, ended);
    }

    public static async Task<RunJobTally> TallyAsync(long runId, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>();
        await using var select = new NpgsqlCommand("SELECT status, count(*)::int FROM run_jobs WHERE run_id = $1 GROUP BY status", connection, transaction)
        {
            Parameters = { new() { Value = runId } },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) counts[reader.GetString(0)] = reader.GetInt32(1);
        int Count(string name) => counts.GetValueOrDefault(name);
        return new RunJobTally(counts.Values.Sum(), Count("queued"), Count("waiting_for_device"), Count("running"),
            Count("succeeded"), Count("failed"), Count("cancelled"));
    }

    internal static RunStatus Next(RunJobTally tally, bool cancelRequested)
    {
        var finished = tally.Succeeded + tally.Failed + tally.Cancelled;
        if (tally.Total > 0 && finished == tally.Total)
            return cancelRequested ? RunStatus.Cancelled : tally.Failed > 0 ? RunStatus.Failed : tally.Cancelled > 0 ? RunStatus.Cancelled : RunStatus.Succeeded;
        return tally.Running + tally.WaitingForDevice + finished > 0 ? RunStatus.Running : RunStatus.Queued;
    }

    private static bool IsTerminal(string status) => status is "succeeded" or "failed" or "cancelled";

    internal static string Name(RunStatus status) => Data.SnakeCaseEnumConverter<RunStatus>.NameOf(status);

    private static RunStatus Parse(string status) => Enum.GetValues<RunStatus>().Single(s => Name(s) == status);
}
