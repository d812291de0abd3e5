using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Gate;
using DeviceLab.Core.Regressions.Reports;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Regressions.Api;

/// <summary>
/// The answer of <c>GET /api/v1/runs/{id}/gate</c>: blocking regressions on the series the run measured, and the
/// per-run gate's verdicts on its night (docs/decisions/0101).
/// </summary>
internal static class RunGateReports
{
    /// <summary>Triage states that still block CI: nobody looked yet, or someone is on it. Invalid, fixed and
    /// won't-fix stop blocking (a fix unblocks at once; the detector closes the record when the level is back).</summary>
    public static readonly TriageState[] Blocking = [TriageState.Untriaged, TriageState.Acknowledged];

    /// <returns>Null when there is no such run.</returns>
    public static async Task<RunGateReport?> BuildAsync(DeviceLabDbContext db, long runId, RegressionOptions options, CancellationToken cancellationToken)
    {
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.SuiteId, Suite = r.Suite == null ? null : r.Suite.Name, r.Trigger, r.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (run is null) return null;
        if (run.SuiteId is not { } suiteId || !options.EffectiveTriggers.Contains(run.Trigger))
        {
            var why = run.SuiteId is null
                ? $"Run {runId} is an ad-hoc run: regression detection follows suite runs only."
                : $"Run {runId} was triggered '{Name(run.Trigger)}'; regression detection follows {string.Join(", ", options.EffectiveTriggers.Select(Name))} runs " +
                  $"({RegressionOptions.Section}:Triggers).";
            return new RunGateReport(runId, run.Suite, null, GateState.NotTracked, false, [why], [], [], null);
        }

        var check = await db.RegressionChecks.AsNoTracking().SingleOrDefaultAsync(c => c.RunId == runId, cancellationToken);
        if (check is null)
        {
            var why = run.Status is RunStatus.Queued or RunStatus.Running
                ? $"Run {runId} is {Name(run.Status)}: the gate is judged once it has finished."
                : run.Status == RunStatus.Cancelled
                    ? $"Run {runId} was cancelled: its results do not count for regression detection."
                    : $"Regression detection has not processed run {runId} yet; ask again in a moment.";
            return new RunGateReport(runId, run.Suite, null, GateState.Pending, false, [why], [], [], null);
        }

        var verdicts = await VerdictsAsync(db, runId, cancellationToken);
        var measured = await db.RunGateVerdicts.AsNoTracking().Where(v => v.RunId == runId)
            .Select(v => new { v.DeviceModel, v.VariantId }).Distinct().ToListAsync(cancellationToken);
        var candidates = await db.Regressions.AsNoTracking()
            .Where(r => r.SuiteId == suiteId && r.Status == RegressionStatus.Open && r.Direction == RegressionDirection.Regression
                        && Blocking.Contains(r.TriageState) && r.FirstBadNight <= check.Night)
            .OrderBy(r => r.FirstBadNight).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var blocking = candidates.Where(r => measured.Any(m => m.DeviceModel == r.DeviceModel && m.VariantId == r.VariantId)).ToList();
        var open = await RegressionReports.BuildAsync(db, blocking, cancellationToken);

        var reasons = open.Select(r =>
                $"Open regression {r.Id}: {r.Metric} {Alerts.AlertText.Percent(r.RelativeChange)} on {r.DeviceModel} · {r.Model} {r.Variant} since {r.FirstBadNight:yyyy-MM-dd} ({Name(r.Triage)}).")
            .Concat(verdicts.Where(v => v.Verdict == GateVerdict.Fail).Select(v => $"Gate failed on {v.DeviceModel} · {v.Model} {v.Variant}: {v.Reason}"))
            .ToList();
        var passed = reasons.Count == 0;
        if (passed)
        {
            var noBaseline = verdicts.Count(v => v.Verdict == GateVerdict.NotEnoughBaseline);
            reasons.Add($"No open regressions on the run's series; {verdicts.Count - noBaseline} of {verdicts.Count} series passed the gate" +
                        (noBaseline > 0 ? $", {noBaseline} have too few nights for a verdict." : "."));
        }
        return new RunGateReport(runId, run.Suite, check.Night, GateState.Judged, passed, reasons, open, verdicts, check.CheckedAt);
    }

    private static async Task<List<GateVerdictReport>> VerdictsAsync(DeviceLabDbContext db, long runId, CancellationToken cancellationToken)
    {
        var rows = await db.RunGateVerdicts.AsNoTracking().Where(v => v.RunId == runId)
            .Join(db.Variants, v => v.VariantId, variant => variant.Id, (v, variant) => new { Verdict = v, Model = variant.Model.Name, variant.QuantType })
            .OrderBy(x => x.Verdict.DeviceModel).ThenBy(x => x.Model).ThenBy(x => x.QuantType).ThenBy(x => x.Verdict.Metric)
            .ToListAsync(cancellationToken);
        return rows.Select(x => new GateVerdictReport(
            x.Verdict.DeviceModel, x.Model, x.QuantType.ToString(), x.Verdict.Metric, Series.SeriesMetrics.Find(x.Verdict.Metric)?.Unit ?? "",
            x.Verdict.Verdict, x.Verdict.Night, x.Verdict.Value, x.Verdict.BaselineMean, x.Verdict.BaselineNights, x.Verdict.RelativeChange,
            x.Verdict.PValue, x.Verdict.Reason)).ToList();
    }

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => SnakeCaseJsonEnum<TEnum>.NameOf(value);
}
