using DeviceLab.Core.Regressions;
using System.Diagnostics;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Statistics;
using DeviceLab.Server.Data;
using DeviceLab.Server.Regressions;
using DeviceLab.Server.Results.Compare;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Results.Trends;

/// <summary>
/// A suite's nightly series of one metric: for every (device model, variant), one point per nightly run, pooling the
/// devices of that model (the same rule as compare). Reads one metric's columns only, within a window of days.
/// </summary>
public sealed class TrendQuery(IDbContextFactory<DeviceLabDbContext> contexts, ILogger<TrendQuery> logger)
{
    private sealed class TrendSource
    {
        public required string DeviceModel { get; init; }
        public long DeviceId { get; init; }
        public long VariantId { get; init; }
        public required string ModelName { get; init; }
        public required string QuantType { get; init; }
        public long RunId { get; init; }
        public DateTimeOffset RunAt { get; init; }
        public bool IsVirtual { get; init; }
        public bool IsSimulated { get; init; }
        public SampleSummary? Summary { get; init; }
        public double? Value { get; init; }
    }

    public async Task<(IReadOnlyList<NightlySeriesRow> Series, IReadOnlyList<TrendRegression> Regressions)> RunAsync(
        long suiteId, ResultMetricView metric, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var results = db.Results.AsNoTracking().Where(r => r.RunJob.Run.SuiteId == suiteId && r.RunJob.Run.Trigger == RunTrigger.Nightly
                                                            && r.RunJob.Run.CreatedAt >= since && r.Attempt == r.RunJob.Attempt);
        var rows = await results.Select(MetricColumns.Bind<TrendSource>(r => new TrendSource
            {
                DeviceModel = r.Device.Model ?? ComparisonQuery.UnknownModel, DeviceId = r.DeviceId, VariantId = r.VariantId,
                ModelName = r.Variant.Model.Name, QuantType = r.Variant.QuantType.ToString(), RunId = r.RunJob.RunId, RunAt = r.RunJob.Run.CreatedAt,
                IsVirtual = r.IsVirtual || r.Device.IsVirtual, IsSimulated = r.IsSimulated, Summary = null, Value = null,
            }, metric))
            .ToListAsync(cancellationToken);
        var series = rows
            .Where(r => r.Summary is not null || r.Value is not null)
            .GroupBy(r => (r.DeviceModel, r.VariantId))
            .Select(g => new NightlySeriesRow(g.Key.DeviceModel, g.Key.VariantId, $"{g.First().ModelName} {g.First().QuantType}",
                g.GroupBy(r => (r.RunId, r.RunAt)).OrderBy(n => n.Key.RunAt).Select(night =>
                {
                    var pooled = night.First().Summary is not null
                        ? PooledMoments.Of(night.Select(r => r.Summary).OfType<SampleSummary>())
                        : PooledMoments.OfValues(night.Select(r => r.Value).OfType<double>());
                    return new NightlyPoint(night.Key.RunAt, night.Key.RunId, pooled.Mean, pooled.StdDev, pooled.Count,
                        night.Select(r => r.DeviceId).Distinct().Count(), night.Any(r => r.IsVirtual), night.Any(r => r.IsSimulated));
                }).ToList()))
            .OrderBy(s => s.DeviceModel, StringComparer.Ordinal).ThenBy(s => s.Variant, StringComparer.Ordinal)
            .ToList();
        var regressions = await db.Regressions.AsNoTracking().Where(r => r.SuiteId == suiteId && r.Metric == metric.Key)
            .Select(r => new TrendRegression(r.Id, r.DeviceModel, r.VariantId, r.Metric, r.FirstBadAt, r.Magnitude, r.Status == RegressionStatus.Open, r.TriageState.ToString()))
            .ToListAsync(cancellationToken);
        logger.LogInformation("Trend query for suite {SuiteId}, {Metric}: {Series} series, {Results} results in {ElapsedMs} ms",
            suiteId, metric.Key, series.Count, rows.Count, clock.ElapsedMilliseconds);
        return (series, regressions);
    }
}
