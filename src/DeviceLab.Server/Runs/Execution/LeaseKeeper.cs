using DeviceLab.Server.Data;
using DeviceLab.Server.Leases;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Renews an attempt's lease every <see cref="LeaseOptions.HeartbeatSeconds"/> while it runs. A renewal refused (the
/// lease expired and was reclaimed) stops the attempt; so does a cancel request found in the database, which covers a
/// cancel notification this node missed.
/// </summary>
public sealed class LeaseKeeper(DeviceLeases leases, DeviceLabDataSource dataSource, IOptions<LeaseOptions> options, ILogger<LeaseKeeper> logger)
{
    public async Task KeepAsync(LeaseHandle lease, AttemptStop stop)
    {
        using var timer = new PeriodicTimer(options.Value.Heartbeat);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    if (!await leases.HeartbeatAsync(lease, stop.Token))
                    {
                        stop.Stop(new StopReason.LeaseLost($"{lease} expired and was reclaimed"));
                        return;
                    }
                    await using var connection = await dataSource.OpenConnectionAsync(stop.Token);
                    if (await Sql.ScalarAsync<bool>(connection, null, "SELECT cancel_requested_at IS NOT NULL FROM run_jobs WHERE id = $1", stop.Token, lease.RunJobId))
                        stop.Stop(new StopReason.Cancelled("cancelled by a user"));
                }
                catch (Npgsql.NpgsqlException e)
                {
                    // The database is unreachable for a moment: keep trying until the lease would have expired anyway.
                    logger.LogWarning("Renewing {Lease} failed: {Error}", lease, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
