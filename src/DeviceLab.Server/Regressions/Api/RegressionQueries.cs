using DeviceLab.Core.Regressions.Reports;
using DeviceLab.Server.Data;
using DeviceLab.Server.Regressions.Series;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Regressions.Api;

/// <summary>The reads behind the regressions API.</summary>
internal static class RegressionQueries
{
    /// <summary>Nights shown around a regression in its detail.</summary>
    public const int WindowNights = 30;

    public static async Task<RegressionList> ListAsync(DeviceLabDbContext db, RegressionFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Regressions.AsNoTracking();
        if (filter.Status is { } status) query = query.Where(r => r.Status == status);
        if (filter.Triage is { } triage) query = query.Where(r => r.TriageState == triage);
        if (filter.Direction is { } direction) query = query.Where(r => r.Direction == direction);
        if (filter.Suite is { } suite) query = query.Where(r => r.Suite.Name == suite);
        if (filter.DeviceModel is { } deviceModel) query = query.Where(r => r.DeviceModel == deviceModel);
        if (filter.Model is { } model) query = query.Where(r => r.Model.Name == model);
        if (filter.Variant is { } variant) query = query.Where(r => r.Variant.QuantType == variant);
        if (filter.Metric is { } metric)
        {
            // A mirror metric (decode_ms_per_token) finds the regressions of its canonical one, which name it (ADR 0105).
            var names = new[] { metric, Series.SeriesMetrics.CanonicalName(metric) }.Distinct().ToList();
            query = query.Where(r => names.Contains(r.Metric));
        }

        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(r => r.FirstBadNight).ThenByDescending(r => r.Id)
            .Skip(filter.Offset).Take(filter.Limit).ToListAsync(cancellationToken);
        return new RegressionList(await RegressionReports.BuildAsync(db, page, cancellationToken), total);
    }

    public static async Task<RegressionDetail?> DetailAsync(DeviceLabDbContext db, long id, CancellationToken cancellationToken)
    {
        var regression = await db.Regressions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (regression is null) return null;
        var report = (await RegressionReports.BuildAsync(db, [regression], cancellationToken))[0];
        var from = regression.FirstBadNight.AddDays(-WindowNights);
        var to = (regression.RestoredNight ?? regression.FirstBadNight).AddDays(WindowNights);
        var window = await db.NightlyPoints.AsNoTracking()
            .Where(n => n.SuiteId == regression.SuiteId && n.DeviceModel == regression.DeviceModel && n.ModelId == regression.ModelId
                        && n.VariantId == regression.VariantId && n.Metric == regression.Metric && n.Night >= from && n.Night <= to)
            .OrderBy(n => n.Night)
            .ToListAsync(cancellationToken);
        var history = await db.TriageEntries.AsNoTracking().Where(e => e.RegressionId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new TriageEntryReport(e.State, e.Note, e.By, e.At))
            .ToListAsync(cancellationToken);
        return new RegressionDetail(report, window.Select(ToReport).ToList(), history);
    }

    public static SeriesPointReport ToReport(NightlyPoint n) =>
        new(n.Night, n.Median, n.Spread, n.Count, n.Results, n.RunIds, n.AnyVirtual, n.AnySimulated);
}
