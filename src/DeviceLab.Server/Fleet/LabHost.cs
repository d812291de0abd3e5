namespace DeviceLab.Server.Fleet;

/// <summary>
/// A machine that runs DeviceLab with devices attached (USB hubs, an adb server). Every DeviceLab server
/// process is a lab host named by <c>DeviceLab:LabHost:Name</c>; it processes its own Hangfire queue and
/// beats a heartbeat into <see cref="LastSeenAt"/>.
/// </summary>
public sealed class LabHost
{
    public long Id { get; set; }

    /// <summary>Unique name, e.g. the machine's host name.</summary>
    public required string Name { get; set; }

    /// <summary>The Hangfire queue its jobs go to (see <see cref="LabHostQueue"/>).</summary>
    public required string QueueName { get; set; }

    /// <summary>DeviceLab version the host last ran.</summary>
    public string? Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last heartbeat (UTC); a host silent for minutes is down.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    public List<Device> Devices { get; set; } = [];
}
