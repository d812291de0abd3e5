using DeviceLab.Core.Regressions.Detection;
using DeviceLab.Core.Regressions.Gate;
using DeviceLab.Core.Regressions.Triage;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Data;
using DeviceLab.Server.Regressions.Alerts;
using DeviceLab.Server.Regressions.Gate;
using DeviceLab.Server.Regressions.Series;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Regressions.Detection;

/// <summary>
/// The nightly regression job (Hangfire), run once a tracked run has finished: rebuilds the suite's series points of
/// the run's night (and of earlier nights that have none), runs the change-point detector and the reconciler on
/// every series that got a point, applies their actions, judges the run's night with the per-run gate, and queues
/// alerts. Idempotent: running it again for the same run changes nothing (docs/decisions/0101).
/// </summary>
public sealed class NightlyRegressionJob(
    IDbContextFactory<DeviceLabDbContext> contexts,
    IOptions<RegressionOptions> options,
    RegressionAlerts alerts,
    TimeProvider time,
    ILogger<NightlyRegressionJob> logger)
{
    // pg_advisory_xact_lock(key) with key = "DLRG" << 32 | suite id: one detection per suite at a time, on every node.
    private const long SuiteLockPrefix = 0x444C5247L << 32;

    /// <returns>What the job did, or null when the run is not one detection follows.</returns>
    [AutomaticRetry(Attempts = 3)]
    public async Task<RegressionCheck?> RunAsync(long runId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.SuiteId, r.Trigger, r.Status, Start = r.StartedAt ?? r.CreatedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (run?.SuiteId is not { } suiteId || !settings.EffectiveTriggers.Contains(run.Trigger) || run.Status is not (RunStatus.Succeeded or RunStatus.Failed))
        {
            logger.LogInformation("Regression detection skips run {RunId}: {Why}", runId,
                run is null ? "no such run" : run.SuiteId is null ? "not a suite run" : $"trigger {run.Trigger}, status {run.Status}");
            return null;
        }

        var night = new NightCalendar(settings.NightTimeZone).NightOf(run.Start);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lockKey = SuiteLockPrefix | (suiteId & 0xFFFFFFFF);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);

        var aggregation = new NightlyPointAggregation(db, settings.NightTimeZone, settings.EffectiveTriggers);
        var nights = await aggregation.NightsToRebuildAsync(suiteId, night, cancellationToken);
        await aggregation.RebuildAsync(suiteId, nights, now, cancellationToken);

        var detector = new ChangePointDetector(await DetectorOptionsAsync(db, suiteId, cancellationToken));
        var series = await SeriesReader.ReadSuiteAsync(db, suiteId, night.AddDays(-settings.HistoryNights), cancellationToken);
        var records = await db.Regressions.Where(r => r.SuiteId == suiteId).ToListAsync(cancellationToken);
        var recordsBySeries = records.GroupBy(SeriesIdentity.Of).ToDictionary(g => g.Key, g => g.ToList());
        var writer = new RegressionWriter(db, new AffectedDevices(db, aggregation), runId, now);
        var reconciler = new RegressionReconciler(AffectedVariants.ToleranceNights);
        var rebuilt = nights.ToHashSet();
        // Mirror metrics (ms/token of tokens/s) are the same measurement: detected and gated once, on the canonical series.
        var watched = series.Where(s => s.Metric.IsWatched && s.Nights.Any(n => rebuilt.Contains(n.Night))).ToList();

        foreach (var stored in watched)
        {
            if (!recordsBySeries.TryGetValue(stored.Identity, out var seriesRecords)) recordsBySeries[stored.Identity] = seriesRecords = [];
            var firstNight = stored.Series.Points[0].Night;
            var known = seriesRecords.Where(r => r.FirstBadNight >= firstNight).Select(RegressionIds.ToKnown).ToList();
            var actions = reconciler.Reconcile(stored.Series, detector.Detect(stored.Series), known);
            await writer.ApplyAsync(stored, actions, seriesRecords, cancellationToken);
        }
        AffectedVariants.Link([.. records, .. writer.Opened]);

        // Every run of a rebuilt night is judged (a backfill answers CI for the older runs too), this one included.
        var verdicts = RunGateJudgement.JudgeNights(watched, rebuilt, recordsBySeries, new PerRunGate(), now);
        var check = await RecordChecksAsync(db, runId, suiteId, night, verdicts, now, cancellationToken);
        check.NightsRebuilt = nights.Length;
        check.SeriesChecked = watched.Count;
        check.Opened = writer.Opened.Count;
        check.Updated = writer.Updated.Count;
        check.Closed = writer.Closed.Count;
        await db.SaveChangesAsync(cancellationToken); // ids for the alerts
        var deliveries = await alerts.PlanAsync(db, writer.Opened, writer.Closed, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        alerts.Send(deliveries);

        logger.LogInformation(
            "Regression detection for run {RunId} (suite {SuiteId}, night {Night}): {Series} series, {Opened} opened, {Updated} refreshed, {Closed} closed, {GateFailures} gate failures",
            runId, suiteId, night, check.SeriesChecked, check.Opened, check.Updated, check.Closed, check.GateFailures);
        return check;
    }

    /// <summary>Replaces the verdicts of every judged run and writes their check rows; returns this run's (not saved).</summary>
    private static async Task<RegressionCheck> RecordChecksAsync(
        DeviceLabDbContext db, long runId, long suiteId, DateOnly night, List<RunGateVerdict> verdicts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var runNights = verdicts.GroupBy(v => v.RunId).ToDictionary(g => g.Key, g => g.First().Night);
        runNights[runId] = night;
        var runIds = runNights.Keys.ToList();
        await db.RunGateVerdicts.Where(v => runIds.Contains(v.RunId)).ExecuteDeleteAsync(cancellationToken);
        db.RunGateVerdicts.AddRange(verdicts);
        var checks = await db.RegressionChecks.Where(c => runIds.Contains(c.RunId)).ToDictionaryAsync(c => c.RunId, cancellationToken);
        foreach (var (judgedRun, judgedNight) in runNights)
        {
            if (!checks.TryGetValue(judgedRun, out var check)) db.RegressionChecks.Add(checks[judgedRun] = check = new RegressionCheck { RunId = judgedRun });
            check.SuiteId = suiteId;
            check.Night = judgedNight;
            check.SeriesChecked = verdicts.Count(v => v.RunId == judgedRun);
            check.GateFailures = verdicts.Count(v => v.RunId == judgedRun && v.Verdict == GateVerdict.Fail);
            check.CheckedAt = now;
        }
        return checks[runId];
    }

    /// <summary>Tuned defaults, then the server's configuration, then the suite's own overrides.</summary>
    private async Task<ChangePointOptions> DetectorOptionsAsync(DeviceLabDbContext db, long suiteId, CancellationToken cancellationToken)
    {
        var server = new DetectorOverrides(options.Value.MaxPValue, options.Value.MinRelativeMagnitude).ApplyTo(new ChangePointOptions());
        var suite = await db.Suites.AsNoTracking().Where(s => s.Id == suiteId).Select(s => s.DetectorOverrides).SingleAsync(cancellationToken);
        return suite is null ? server : suite.ApplyTo(server);
    }
}
