using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Detection;
using DeviceLab.Core.Regressions.Triage;
using DeviceLab.Server.Data;
using DeviceLab.Server.Regressions.Series;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Regressions.Detection;

/// <summary>
/// Applies the reconciler's actions for one series to the tracked <see cref="Regression"/> rows: opens new ones,
/// refreshes standing ones, closes restored ones. Nothing is saved here; the job saves once for the whole run.
/// </summary>
internal sealed class RegressionWriter(DeviceLabDbContext db, AffectedDevices affectedDevices, long runId, DateTimeOffset now)
{
    /// <summary>What changed, for the check record and the alerts.</summary>
    public List<Regression> Opened { get; } = [];
    public List<Regression> Updated { get; } = [];
    public List<Regression> Closed { get; } = [];

    public async Task ApplyAsync(StoredSeries series, IReadOnlyList<RegressionAction> actions, List<Regression> records, CancellationToken cancellationToken)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case OpenRegression open:
                    var opened = await OpenAsync(series, open, cancellationToken);
                    records.Add(opened);
                    Opened.Add(opened);
                    break;
                case UpdateRegression update:
                    var updated = records.Single(r => r.Id == RegressionIds.ToId(update.Id));
                    await DescribeAsync(updated, series, update.ChangePoint, cancellationToken);
                    updated.UpdatedAt = now;
                    Updated.Add(updated);
                    break;
                case CloseRegression close:
                    var closed = records.Single(r => r.Id == RegressionIds.ToId(close.Id));
                    closed.Status = RegressionStatus.Closed;
                    closed.RestoredNight = close.RestoredNight;
                    closed.ClosedAt = now;
                    closed.UpdatedAt = now;
                    Closed.Add(closed);
                    break;
            }
        }
    }

    private async Task<Regression> OpenAsync(StoredSeries series, OpenRegression open, CancellationToken cancellationToken)
    {
        var regression = new Regression
        {
            SuiteId = series.Identity.SuiteId,
            DeviceModel = series.Identity.DeviceModel,
            ModelId = series.Identity.ModelId,
            VariantId = series.Identity.VariantId,
            Metric = series.Identity.Metric,
            Unit = series.Metric.Unit,
            Direction = RegressionIds.DirectionOf(open.Kind),
            Status = open.RestoredNight is null ? RegressionStatus.Open : RegressionStatus.Closed,
            RestoredNight = open.RestoredNight,
            ClosedAt = open.RestoredNight is null ? null : now,
            TriageState = TriageState.Untriaged,
            OpenedByRunId = runId,
            OpenedAt = now,
            UpdatedAt = now,
        };
        await DescribeAsync(regression, series, open.ChangePoint, cancellationToken);
        db.Regressions.Add(regression);
        return regression;
    }

    // Everything a detection says about the change; the same for a new record and a refresh.
    private async Task DescribeAsync(Regression regression, StoredSeries series, ChangePoint changePoint, CancellationToken cancellationToken)
    {
        var firstBad = series.Nights[changePoint.Index];
        if (regression.FirstBadNight != firstBad.Night || regression.FirstBadRunId == 0)
        {
            regression.FirstBadRunId = firstBad.RunIds[0];
            regression.FirstBadAt = await db.Runs.Where(r => r.Id == regression.FirstBadRunId)
                .Select(r => r.StartedAt ?? r.CreatedAt).SingleAsync(cancellationToken);
        }
        regression.FirstBadNight = firstBad.Night;
        regression.LastGoodNight = series.Nights[changePoint.Index - 1].Night;
        regression.Magnitude = changePoint.RelativeChange;
        regression.MagnitudeCiLow = changePoint.RelativeChangeInterval.Low;
        regression.MagnitudeCiHigh = changePoint.RelativeChangeInterval.High;
        regression.PValue = changePoint.PValue;
        regression.MeanBefore = changePoint.MeanBefore;
        regression.MeanAfter = changePoint.MeanAfter;
        regression.StdDevBefore = changePoint.Before.StdDev;
        regression.StdDevAfter = changePoint.After.StdDev;
        regression.NightsBefore = changePoint.Before.Count;
        regression.NightsAfter = changePoint.After.Count;
        regression.MeasuredOnVirtualDevices = series.Nights.Any(n => n.AnyVirtual);
        regression.AffectedDeviceIds = await affectedDevices.FindAsync(series, changePoint, cancellationToken);
    }
}
