using DeviceLab.Core.Regressions;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Regressions.Series;

/// <summary>Reads a suite's series from <c>nightly_points</c> in one query, with the names a <see cref="SeriesKey"/> shows.</summary>
internal static class SeriesReader
{
    /// <summary>Every series of the suite with its nights from <paramref name="fromNight"/> on.</summary>
    public static async Task<List<StoredSeries>> ReadSuiteAsync(DeviceLabDbContext db, long suiteId, DateOnly fromNight, CancellationToken cancellationToken)
    {
        var rows = await db.NightlyPoints.AsNoTracking()
            .Where(n => n.SuiteId == suiteId && n.Night >= fromNight)
            .OrderBy(n => n.DeviceModel).ThenBy(n => n.ModelId).ThenBy(n => n.VariantId).ThenBy(n => n.Metric).ThenBy(n => n.Night)
            .ToListAsync(cancellationToken);
        var suiteName = await db.Suites.Where(s => s.Id == suiteId).Select(s => s.Name).SingleAsync(cancellationToken);
        var variantIds = rows.Select(r => r.VariantId).Distinct().ToList();
        var variants = await db.Variants.AsNoTracking().Where(v => variantIds.Contains(v.Id))
            .Select(v => new { v.Id, Model = v.Model.Name, v.QuantType })
            .ToDictionaryAsync(v => v.Id, cancellationToken);

        var series = new List<StoredSeries>();
        foreach (var group in rows.GroupBy(SeriesIdentity.Of))
        {
            if (SeriesMetrics.Find(group.Key.Metric) is not { } metric) continue; // a metric since retired: kept, not watched
            var variant = variants[group.Key.VariantId];
            var key = new SeriesKey(suiteName, group.Key.DeviceModel, variant.Model, variant.QuantType.ToString(), metric.Name);
            var nights = group.ToList();
            var points = nights.Select(n => new SeriesPoint(n.Night, n.Median, n.Spread, (int)Math.Min(n.Count, int.MaxValue)));
            series.Add(new StoredSeries(group.Key, metric, new NightlySeries(key, metric.Direction, points), nights));
        }
        return series;
    }
}
