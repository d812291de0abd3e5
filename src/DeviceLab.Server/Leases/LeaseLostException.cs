namespace DeviceLab.Server.Leases;

/// <summary>
/// A write presented a lease that is no longer the device's active lease (it expired, was reclaimed and perhaps
/// taken by another job with a newer fencing token). The write was refused; the attempt must stop.
/// </summary>
public sealed class LeaseLostException(LeaseHandle lease, string write)
    : Exception($"{write} refused: {lease} is no longer the device's active lease (it expired or was taken over by a newer fencing token)")
{
    public LeaseHandle Lease { get; } = lease;
}
