using DeviceLab.Server.Data;
using DeviceLab.Server.Runs.Execution;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Leases;

/// <summary>
/// On every node, every <see cref="LeaseOptions.ReclaimIntervalSeconds"/>: reclaim expired leases (their jobs resume
/// elsewhere in time, not after Hangfire's 30-minute invisibility timeout) and enqueue queued attempts left without
/// a Hangfire job. Both are safe to run on several nodes at once.
/// </summary>
internal sealed class LeaseReclaimer(
    DeviceLabDataSource dataSource, LeaseReclaim reclaim, RunJobRecovery recovery, IOptions<LeaseOptions> options, ILogger<LeaseReclaimer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ReclaimIntervalSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
        {
            try
            {
                await using (var connection = await dataSource.OpenConnectionAsync(stoppingToken))
                await using (var transaction = await connection.BeginTransactionAsync(stoppingToken))
                {
                    var reclaimed = await reclaim.ReclaimExpiredAsync(null, connection, transaction, stoppingToken);
                    await transaction.CommitAsync(stoppingToken);
                    if (reclaimed.Count > 0) logger.LogWarning("Reclaimed {Count} expired device lease(s)", reclaimed.Count);
                }
                await recovery.EnqueueOrphansAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning("Reclaiming leases failed: {Error}", e.Message);
            }
        }
    }
}
