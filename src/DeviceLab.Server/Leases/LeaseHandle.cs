namespace DeviceLab.Server.Leases;

/// <summary>A lease a run job attempt holds: the row and its fencing token, which every write of the attempt presents.</summary>
/// <param name="LeaseId">The <c>device_leases</c> row.</param>
/// <param name="DeviceId">The leased device.</param>
/// <param name="FencingToken">The token (increasing per device).</param>
/// <param name="RunJobId">The holder's run job.</param>
/// <param name="Attempt">The holder's attempt.</param>
public sealed record LeaseHandle(long LeaseId, long DeviceId, long FencingToken, long RunJobId, int Attempt)
{
    public override string ToString() => $"lease {LeaseId} of device {DeviceId} (fencing token {FencingToken}, run job {RunJobId} attempt {Attempt})";
}
