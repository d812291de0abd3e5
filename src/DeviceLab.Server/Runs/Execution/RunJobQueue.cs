using DeviceLab.Server.Data;
using Hangfire;
using Npgsql;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Puts a run job attempt on the Hangfire queue of the lab host that owns its device, and records the Hangfire
/// job's id on the attempt and the job (a queued attempt without one is re-enqueued by the recovery sweep).
/// </summary>
public sealed class RunJobQueue(IBackgroundJobClient jobs, DeviceLabDataSource dataSource)
{
    /// <summary>Queues the attempt on <paramref name="queue"/>, now or after <paramref name="delay"/>.</summary>
    public async Task<string> EnqueueAsync(long runJobId, int attempt, string queue, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var hangfireJobId = delay is { } wait
            ? jobs.Schedule<RunJobExecutor>(queue, executor => executor.ExecuteAsync(runJobId, attempt, null, CancellationToken.None), wait)
            : jobs.Enqueue<RunJobExecutor>(queue, executor => executor.ExecuteAsync(runJobId, attempt, null, CancellationToken.None));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, null, "UPDATE run_job_attempts SET hangfire_job_id = $3 WHERE run_job_id = $1 AND attempt = $2",
            cancellationToken, runJobId, attempt, hangfireJobId);
        await Sql.ExecuteAsync(connection, null, "UPDATE run_jobs SET hangfire_job_id = $3 WHERE id = $1 AND attempt = $2",
            cancellationToken, runJobId, attempt, hangfireJobId);
        return hangfireJobId;
    }

    /// <summary>Queues the attempt again on the queue of its own device's lab host.</summary>
    public async Task<string> EnqueueForAttemptAsync(long runJobId, int attempt, TimeSpan? delay, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var deviceId = await Sql.ScalarAsync<long?>(connection, null, "SELECT device_id FROM run_job_attempts WHERE run_job_id = $1 AND attempt = $2",
            cancellationToken, runJobId, attempt) ?? throw new InvalidOperationException($"run job {runJobId} has no attempt {attempt}");
        return await EnqueueForDeviceAsync(runJobId, attempt, deviceId, delay, cancellationToken);
    }

    /// <summary>Queues the attempt on the queue of the lab host that owns <paramref name="deviceId"/>.</summary>
    public async Task<string> EnqueueForDeviceAsync(long runJobId, int attempt, long deviceId, TimeSpan? delay, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand(
            "SELECT h.queue_name FROM devices d JOIN lab_hosts h ON h.id = d.lab_host_id WHERE d.id = $1", connection)
        {
            Parameters = { new() { Value = deviceId } },
        };
        var queue = (string?)await select.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException($"device {deviceId} does not exist");
        return await EnqueueAsync(runJobId, attempt, queue, delay, cancellationToken);
    }
}
