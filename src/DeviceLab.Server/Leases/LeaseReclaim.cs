using DeviceLab.Server.Fleet;
using Npgsql;

namespace DeviceLab.Server.Leases;

/// <summary>
/// Releases leases whose holders stopped renewing them (a crashed lab host, a hung job). Whoever reclaims also hands
/// the consequences to <see cref="ILeaseReclaimedHandler"/> in the same transaction, so an expired attempt is never
/// left "running".
/// </summary>
/// <remarks>The handlers are resolved when a lease is reclaimed: the run pipeline that handles them itself takes leases.</remarks>
public sealed class LeaseReclaim(DeviceStates states, IServiceProvider services)
{
    /// <summary>Reclaims the expired leases of one device (or of every device when null).</summary>
    public async Task<IReadOnlyList<ReclaimedLease>> ReclaimExpiredAsync(long? deviceId, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var release = new NpgsqlCommand(
            """
            UPDATE device_leases SET released_at = clock_timestamp()
            WHERE released_at IS NULL AND expires_at <= clock_timestamp() AND ($1::bigint IS NULL OR device_id = $1)
            RETURNING id, device_id, fencing_token, run_job_id, attempt
            """, connection, transaction)
        {
            Parameters = { new() { Value = (object?)deviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint } },
        };
        var reclaimed = new List<ReclaimedLease>();
        await using (var reader = await release.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                reclaimed.Add(new ReclaimedLease(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4)));
        }
        if (reclaimed.Count == 0) return reclaimed;
        foreach (var handler in services.GetServices<ILeaseReclaimedHandler>()) await handler.OnReclaimedAsync(reclaimed, connection, transaction, cancellationToken);
        await states.RefreshAsync(reclaimed.Select(l => l.DeviceId).Distinct().ToList(), "lease expired and was reclaimed", connection, transaction, cancellationToken);
        return reclaimed;
    }
}
