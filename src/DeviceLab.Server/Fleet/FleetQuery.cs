using DeviceLab.Core.Runs;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Fleet;

/// <summary>The fleet page's rows: every device with its lab host and current job, in two queries.</summary>
public static class FleetQuery
{
    public static async Task<IReadOnlyList<FleetDeviceRow>> DevicesAsync(DeviceLabDbContext db, CancellationToken cancellationToken = default)
    {
        var active = await db.RunJobs.AsNoTracking()
            .Where(j => j.Status == RunJobStatus.Running || j.Status == RunJobStatus.WaitingForDevice)
            .OrderByDescending(j => j.Status == RunJobStatus.Running).ThenByDescending(j => j.Id)
            .Select(j => new { j.DeviceId, j.RunId, j.Id, j.Status, Suite = j.Run.Suite != null ? j.Run.Suite.Name : null })
            .ToListAsync(cancellationToken);
        var jobs = active.GroupBy(j => j.DeviceId).ToDictionary(g => g.Key, g => g.First());
        var devices = await db.Devices.AsNoTracking()
            .OrderBy(d => d.Model).ThenBy(d => d.Serial)
            .Select(d => new
            {
                d.Id, d.Serial, d.Manufacturer, d.Model, d.Soc, d.Abi, d.OsVersion, d.OsBuild, d.Transport, d.State, d.IsVirtual, d.Tags,
                LabHost = d.LabHost.Name, d.LastSeenAt, d.BatteryLevelPercent, d.BatteryTemperatureC,
            })
            .ToListAsync(cancellationToken);
        return devices.Select(d => new FleetDeviceRow(d.Id, d.Serial, d.Manufacturer, d.Model, d.Soc, d.Abi, d.OsVersion, d.State,
                d.IsVirtual, d.Tags, d.LabHost, d.LastSeenAt, d.BatteryLevelPercent, d.BatteryTemperatureC,
                jobs.TryGetValue(d.Id, out var job) ? new CurrentJob(job.RunId, job.Id, job.Status, job.Suite) : null, d.Transport, d.OsBuild))
            .ToList();
    }
}
