using DeviceLab.Server.Fleet;
using DeviceLab.Server.Runs;

namespace DeviceLab.Server.Leases;

/// <summary>
/// A run job's exclusive hold on a device. Each new lease of a device gets the next
/// <see cref="FencingToken"/> (1, 2, 3 … per device), and everything the job writes carries it: a job whose
/// lease expired and was taken over holds an older token, so its late writes are refused.
/// At most one lease per device is active (not released); an expired one must be released before the next
/// is taken (docs/decisions/0006).
/// </summary>
public sealed class DeviceLease
{
    public long Id { get; set; }

    public long DeviceId { get; set; }
    public Device Device { get; set; } = null!;

    /// <summary>Increases by one with every lease of the same device.</summary>
    public long FencingToken { get; set; }

    /// <summary>The holder: a run job and its attempt.</summary>
    public long RunJobId { get; set; }
    public RunJob RunJob { get; set; } = null!;
    public int Attempt { get; set; }

    public DateTimeOffset AcquiredAt { get; set; }

    /// <summary>Last heartbeat of the holder; it pushes <see cref="ExpiresAt"/> forward.</summary>
    public DateTimeOffset HeartbeatAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set when the holder gives the device back, or when an expired lease is reclaimed.</summary>
    public DateTimeOffset? ReleasedAt { get; set; }
}
