using DeviceLab.Core.Devices;

namespace DeviceLab.Server.Fleet;

/// <summary>
/// A phone or other device in the fleet, as its lab host last saw it. Identity is (lab host, serial);
/// the hardware fields come from the device's own properties (getprop, or the agent's report).
/// </summary>
public sealed class Device
{
    public long Id { get; set; }

    public long LabHostId { get; set; }
    public LabHost LabHost { get; set; } = null!;

    /// <summary>Transport identity: the adb serial (e.g. <c>R58M123ABC</c>, <c>127.0.0.1:5555</c>) or a network agent's device id.</summary>
    public required string Serial { get; set; }

    public DeviceTransport Transport { get; set; }

    public string? Manufacturer { get; set; }

    /// <summary>Model name as the device reports it (ro.product.model), e.g. <c>Pixel 7</c>: the unit results are grouped by.</summary>
    public string? Model { get; set; }

    /// <summary>System on chip, e.g. <c>Tensor G2</c>.</summary>
    public string? Soc { get; set; }

    /// <summary>Primary ABI, e.g. <c>arm64-v8a</c>; chooses the agent build.</summary>
    public string? Abi { get; set; }

    public string? OsVersion { get; set; }
    public string? OsBuild { get; set; }
    public int? CpuCores { get; set; }
    public long? RamBytes { get; set; }

    /// <summary>Everything else the device reported (all getprop values), as JSON.</summary>
    public Dictionary<string, string> Properties { get; set; } = [];

    /// <summary>Pool tags suites select devices by, e.g. <c>pixel-7</c>, <c>android-14</c>: the automatic tags
    /// derived from the device's properties plus <see cref="UserTags"/> (see <c>DeviceTags</c>).</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Tags an operator gave the device; kept when the automatic ones are re-derived.</summary>
    public List<string> UserTags { get; set; } = [];

    /// <summary>Derived from <see cref="IsConnected"/>, <see cref="QuarantinedAt"/> and the device's active lease
    /// (see <c>DeviceStates</c>); never set on its own.</summary>
    public DeviceState State { get; set; }

    /// <summary>Why the state last changed, for people ("liveness probe failed: …").</summary>
    public string? StateReason { get; set; }

    /// <summary>The lab host reaches the device now: listed by the adb server as <c>device</c> and answering the liveness probe.</summary>
    public bool IsConnected { get; set; }

    /// <summary>Taken out of the pool by an operator (or after repeated failures); no new job leases it.</summary>
    public DateTimeOffset? QuarantinedAt { get; set; }

    public string? QuarantineReason { get; set; }

    /// <summary>A DeviceLab virtual device: labelled as such wherever its numbers appear.</summary>
    public bool IsVirtual { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>Battery level at the last reading, percent (0–100).</summary>
    public double? BatteryLevelPercent { get; set; }

    /// <summary>Battery temperature at the last reading, °C.</summary>
    public double? BatteryTemperatureC { get; set; }
}
