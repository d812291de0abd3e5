using DeviceLab.Core.Regressions.Reports;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Regressions;

/// <summary>Turns stored regressions into the documented <see cref="RegressionReport"/> (API and webhooks), looking up
/// the names of suites, models, variants and devices in a handful of queries however many regressions there are.</summary>
internal static class RegressionReports
{
    public static async Task<List<RegressionReport>> BuildAsync(DeviceLabDbContext db, IReadOnlyCollection<Regression> regressions, CancellationToken cancellationToken)
    {
        var suiteIds = regressions.Select(r => r.SuiteId).Distinct().ToList();
        var suites = await db.Suites.AsNoTracking().Where(s => suiteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var variantIds = regressions.SelectMany(r => r.AffectedVariantIds.Append(r.VariantId)).Distinct().ToList();
        var variants = await db.Variants.AsNoTracking().Where(v => variantIds.Contains(v.Id))
            .Select(v => new { v.Id, Model = v.Model.Name, v.QuantType })
            .ToDictionaryAsync(v => v.Id, cancellationToken);
        var deviceIds = regressions.SelectMany(r => r.AffectedDeviceIds).Distinct().ToList();
        var devices = await db.Devices.AsNoTracking().Where(d => deviceIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => new AffectedDevice(d.Id, d.Serial, d.IsVirtual), cancellationToken);

        return regressions.Select(r => new RegressionReport(
            r.Id,
            suites.GetValueOrDefault(r.SuiteId, $"suite {r.SuiteId}"),
            r.DeviceModel,
            variants.TryGetValue(r.VariantId, out var variant) ? variant.Model : $"model {r.ModelId}",
            variant?.QuantType.ToString() ?? $"variant {r.VariantId}",
            r.Metric,
            r.Unit,
            r.Direction,
            r.Status,
            r.TriageState,
            r.FirstBadNight,
            r.LastGoodNight,
            r.RestoredNight,
            r.FirstBadRunId,
            r.Magnitude,
            r.MagnitudeCiLow,
            r.MagnitudeCiHigh,
            r.PValue,
            r.MeanBefore,
            r.MeanAfter,
            r.NightsBefore,
            r.NightsAfter,
            r.AffectedDeviceIds.Where(devices.ContainsKey).Select(id => devices[id]).ToList(),
            r.AffectedVariantIds.Where(variants.ContainsKey).Select(id => variants[id].QuantType.ToString()).ToList(),
            r.MeasuredOnVirtualDevices,
            r.TriageNotes,
            r.TriagedBy,
            r.TriagedAt,
            r.OpenedAt,
            r.ClosedAt,
            Series.SeriesMetrics.MirrorsOf(r.Metric))).ToList();
    }
}
