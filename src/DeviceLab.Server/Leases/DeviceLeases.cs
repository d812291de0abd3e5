using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeviceLab.Server.Leases;

/// <summary>
/// Takes, renews and gives back device leases (docs/decisions/0006, 0081). Taking one is a single transaction:
/// lock the device row (so takers queue instead of racing), reclaim the device's lease if it expired, refuse when
/// another lease is active or the device is unreachable, else insert the next fencing token. All times come from the
/// database's clock.
/// </summary>
public sealed class DeviceLeases(DeviceLabDataSource dataSource, DeviceStates states, LeaseReclaim reclaim, IOptions<LeaseOptions> options)
{
    public async Task<LeaseAcquisition> TryAcquireAsync(long deviceId, long runJobId, int attempt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var device = new NpgsqlCommand(
            "SELECT is_connected, quarantined_at IS NOT NULL, coalesce(quarantine_reason, state_reason) FROM devices WHERE id = $1 FOR UPDATE",
            connection, transaction) { Parameters = { new() { Value = deviceId } } })
        await using (var reader = await device.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return new LeaseAcquisition.Unavailable($"device {deviceId} does not exist", false);
            var (connected, quarantined, why) = (reader.GetBoolean(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            if (quarantined) return new LeaseAcquisition.Unavailable($"device {deviceId} is quarantined{(why is null ? "" : $": {why}")}", true);
            if (!connected) return new LeaseAcquisition.Unavailable($"device {deviceId} is offline{(why is null ? "" : $" ({why})")}", false);
        }

        await reclaim.ReclaimExpiredAsync(deviceId, connection, transaction, cancellationToken);

        await using (var active = new NpgsqlCommand(
            "SELECT run_job_id, attempt, expires_at FROM device_leases WHERE device_id = $1 AND released_at IS NULL",
            connection, transaction) { Parameters = { new() { Value = deviceId } } })
        await using (var reader = await active.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                var busy = new LeaseAcquisition.Busy(reader.GetInt64(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2));
                await reader.DisposeAsync();
                await transaction.CommitAsync(cancellationToken); // keeps a reclaim done above
                return busy;
            }
        }

        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO device_leases (device_id, fencing_token, run_job_id, attempt, acquired_at, heartbeat_at, expires_at)
            SELECT $1, coalesce(max(fencing_token), 0) + 1, $2, $3, clock_timestamp(), clock_timestamp(), clock_timestamp() + $4
            FROM device_leases WHERE device_id = $1
            RETURNING id, fencing_token
            """, connection, transaction)
        {
            Parameters = { new() { Value = deviceId }, new() { Value = runJobId }, new() { Value = attempt }, new() { Value = options.Value.Duration } },
        };
        LeaseHandle lease;
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            lease = new LeaseHandle(reader.GetInt64(0), deviceId, reader.GetInt64(1), runJobId, attempt);
        }
        await states.RefreshAsync([deviceId], $"leased by run job {runJobId} attempt {attempt}", connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LeaseAcquisition.Acquired(lease);
    }

    /// <summary>Renews the lease; false when it is no longer held (expired and reclaimed): the holder must stop.</summary>
    public async Task<bool> HeartbeatAsync(LeaseHandle lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var beat = new NpgsqlCommand(
            """
            UPDATE device_leases SET heartbeat_at = clock_timestamp(), expires_at = clock_timestamp() + $3
            WHERE id = $1 AND fencing_token = $2 AND released_at IS NULL AND expires_at > clock_timestamp()
            """, connection)
        {
            Parameters = { new() { Value = lease.LeaseId }, new() { Value = lease.FencingToken }, new() { Value = options.Value.Duration } },
        };
        return await beat.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Gives the device back inside the caller's transaction (with the attempt's final writes); false when it was no longer held.</summary>
    public async Task<bool> ReleaseAsync(LeaseHandle lease, string reason, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var release = new NpgsqlCommand(
            "UPDATE device_leases SET released_at = clock_timestamp() WHERE id = $1 AND fencing_token = $2 AND released_at IS NULL",
            connection, transaction) { Parameters = { new() { Value = lease.LeaseId }, new() { Value = lease.FencingToken } } };
        var released = await release.ExecuteNonQueryAsync(cancellationToken) == 1;
        await states.RefreshAsync([lease.DeviceId], reason, connection, transaction, cancellationToken);
        return released;
    }

    /// <summary>Gives the device back in a transaction of its own.</summary>
    public async Task<bool> ReleaseAsync(LeaseHandle lease, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var released = await ReleaseAsync(lease, reason, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return released;
    }
}
