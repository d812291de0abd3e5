namespace DeviceLab.Server.Leases;

/// <summary>An expired lease that was released by someone other than its holder.</summary>
public sealed record ReclaimedLease(long LeaseId, long DeviceId, long FencingToken, long RunJobId, int Attempt);

/// <summary>
/// Told, inside the reclaiming transaction, that leases expired under their holders; the run pipeline marks those
/// attempts interrupted and queues the jobs again.
/// </summary>
public interface ILeaseReclaimedHandler
{
    Task OnReclaimedAsync(IReadOnlyList<ReclaimedLease> leases, Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
