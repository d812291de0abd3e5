using Npgsql;

namespace DeviceLab.Server.Leases;

/// <summary>
/// The check every write of a run job attempt makes, inside the write's own transaction: the presented lease is
/// still the device's active, unexpired lease. <c>FOR SHARE</c> holds the lease row until the transaction ends, so a
/// reclaim (which updates that row) waits for the write to commit or sees it refused — never both (docs/decisions/0006, 0081).
/// </summary>
public static class LeaseFence
{
    /// <summary>Throws <see cref="LeaseLostException"/> unless <paramref name="lease"/> is held; call first in the transaction.</summary>
    public static async Task EnsureHeldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LeaseHandle lease, string write, CancellationToken cancellationToken)
    {
        await using var check = new NpgsqlCommand(
            """
            SELECT 1 FROM device_leases
            WHERE id = $1 AND device_id = $2 AND fencing_token = $3 AND released_at IS NULL AND expires_at > clock_timestamp()
            FOR SHARE
            """, connection, transaction)
        {
            Parameters = { new() { Value = lease.LeaseId }, new() { Value = lease.DeviceId }, new() { Value = lease.FencingToken } },
        };
        if (await check.ExecuteScalarAsync(cancellationToken) is null) throw new LeaseLostException(lease, write);
    }
}
