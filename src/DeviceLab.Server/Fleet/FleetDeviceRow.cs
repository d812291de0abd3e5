using System.Globalization;
using System.Text;
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
    CurrentJob? CurrentJob,
    DeviceTransport Transport = DeviceTransport.Adb,
    string? OsBuild = null)
{
    public string Name => string.Join(' ', new[] { Manufacturer, Model }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name ? name : Serial;

    /// <summary>"Android 14" for a device on ADB; a networked device's version as its agent reported it; null when unknown.</summary>
    public string? OsName => string.IsNullOrWhiteSpace(OsVersion) ? null : Transport == DeviceTransport.Adb ? $"Android {OsVersion}" : OsVersion;

    /// <summary>The OS version with every number padded, so versions sort as numbers ("9" before "14", "13" before "13.1").</summary>
    public string OsSortKey
    {
        get
        {
            if (string.IsNullOrWhiteSpace(OsVersion)) return "";
            var key = new StringBuilder();
            foreach (var part in OsVersion.Split('.'))
            {
                if (key.Length > 0) key.Append('.');
                key.Append(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number.ToString("D9", CultureInfo.InvariantCulture) : part);
            }
            return key.ToString();
        }
    }
}

/// <summary>The run job a device is busy with or waiting for.</summary>
public sealed record CurrentJob(long RunId, long RunJobId, RunJobStatus Status, string? Suite);
