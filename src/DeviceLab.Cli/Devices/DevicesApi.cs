using DeviceLab.Cli.Api;
using DeviceLab.Core.Devices;

namespace DeviceLab.Cli.Devices;

/// <summary>A device as <c>/api/v1/devices</c> shows it (the server's DeviceView).</summary>
public sealed record DeviceInfo(
    long Id, string LabHost, string Serial, DeviceTransport Transport, string? Manufacturer, string? Model, string? Soc, string? Abi,
    string? OsVersion, string? OsBuild, int? CpuCores, long? RamBytes, IReadOnlyList<string> Tags, DeviceState State, bool IsVirtual,
    DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt, double? BatteryLevelPercent, double? BatteryTemperatureC, DeviceLeaseInfo? ActiveLease);

/// <summary>The lease a device is under now.</summary>
public sealed record DeviceLeaseInfo(long RunJobId, int Attempt, long FencingToken, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);

/// <summary>The device calls of the DeviceLab API.</summary>
public static class DevicesApi
{
    public static Task<List<DeviceInfo>> ListDevicesAsync(this ApiClient client, CancellationToken cancellationToken) =>
        client.GetAsync<List<DeviceInfo>>("api/v1/devices", cancellationToken);
}
