using DeviceLab.Core.Devices;
using DeviceLab.Server.Fleet;

namespace DeviceLab.Server.Devices;

/// <summary>The lease a device is under now, if any.</summary>
public sealed record ActiveLeaseView(long RunJobId, int Attempt, long FencingToken, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);

/// <summary>A device as the API shows it. <see cref="Properties"/> (every getprop value) only in the detail.</summary>
public sealed record DeviceView(
    long Id, string LabHost, string Serial, DeviceTransport Transport, string? Manufacturer, string? Model, string? Soc, string? Abi,
    string? OsVersion, string? OsBuild, int? CpuCores, long? RamBytes, IReadOnlyList<string> Tags, DeviceState State, bool IsVirtual,
    DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt, double? BatteryLevelPercent, double? BatteryTemperatureC,
    ActiveLeaseView? ActiveLease, IReadOnlyDictionary<string, string>? Properties)
{
    public static DeviceView Of(Device d, ActiveLeaseView? lease, bool withProperties) => new(
        d.Id, d.LabHost.Name, d.Serial, d.Transport, d.Manufacturer, d.Model, d.Soc, d.Abi, d.OsVersion, d.OsBuild, d.CpuCores, d.RamBytes,
        d.Tags, d.State, d.IsVirtual, d.CreatedAt, d.LastSeenAt, d.BatteryLevelPercent, d.BatteryTemperatureC, lease,
        withProperties ? d.Properties : null);
}
