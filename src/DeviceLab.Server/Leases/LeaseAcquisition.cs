namespace DeviceLab.Server.Leases;

/// <summary>The outcome of one try to lease a device.</summary>
public abstract record LeaseAcquisition
{
    private LeaseAcquisition() { }

    /// <summary>The attempt holds the device.</summary>
    public sealed record Acquired(LeaseHandle Lease) : LeaseAcquisition;

    /// <summary>Another job holds it; try again later.</summary>
    public sealed record Busy(long HolderRunJobId, int HolderAttempt, DateTimeOffset ExpiresAt) : LeaseAcquisition;

    /// <summary>The device cannot be leased now: not reachable, or quarantined.</summary>
    public sealed record Unavailable(string Reason, bool Quarantined) : LeaseAcquisition;
}
