using DeviceLab.Core.Devices;
using DeviceLab.Core.Runs;

namespace DeviceLab.Server.Fleet;

/// <summary>A device as the fleet page lists it, with the job it is doing now (if any).</summary>
public sealed record FleetDeviceRow(
    long Id,
    string Serial,
    string? Manufacturer,
    string? Model,
    string? Soc,
    string? Abi,
    string? OsVersion,
    DeviceState State,
    bool IsVirtual,
    IReadOnlyList<string> Tags,
    string LabHost,
    DateTimeOffset? LastSeenAt,
    double? BatteryLevelPercent,
    double? BatteryTemperatureC,
    CurrentJob? CurrentJob)
{
    public string Name => string.Join(' ', new[] { Manufacturer, Model }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name ? name : Serial;
}

/// <summary>The run job a device is busy with or waiting for.</summary>
public sealed record CurrentJob(long RunId, long RunJobId, RunJobStatus Status, string? Suite);
