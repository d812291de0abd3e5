using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Gate;
using DeviceLab.Server.Regressions.Series;

namespace DeviceLab.Server.Regressions.Gate;

/// <summary>
/// The per-run gate (<see cref="PerRunGate"/>, docs/decisions/0072) applied to the night a run contributed to. The
/// baseline starts at the latest change people accepted as the new normal — a standing improvement, or a regression
/// triaged won't-fix — so an accepted shift does not keep failing or widen the baseline.
/// </summary>
internal static class RunGateJudgement
{
    /// <summary>Verdicts for every run of the given nights on every series it measured.</summary>
    /// <param name="series">The series with their nights.</param>
    /// <param name="nights">Nights to judge (the ones just rebuilt).</param>
    /// <param name="records">Each series' regressions, for the baseline start.</param>
    public static List<RunGateVerdict> JudgeNights(IEnumerable<StoredSeries> series, IReadOnlySet<DateOnly> nights,
        IReadOnlyDictionary<SeriesIdentity, List<Regression>> records, PerRunGate gate, DateTimeOffset now)
    {
        var verdicts = new List<RunGateVerdict>();
        foreach (var stored in series)
        {
            var seriesRecords = records.GetValueOrDefault(stored.Identity) ?? [];
            foreach (var night in stored.Nights.Where(n => nights.Contains(n.Night)))
            {
                foreach (var runId in night.RunIds)
                {
                    if (Judge(stored, runId, night.Night, seriesRecords, gate, now) is { } verdict) verdicts.Add(verdict);
                }
            }
        }
        return verdicts;
    }

    /// <returns>The verdict row, or null when the run measured nothing in this series.</returns>
    public static RunGateVerdict? Judge(StoredSeries series, long runId, DateOnly night, IEnumerable<Regression> seriesRecords, PerRunGate gate, DateTimeOffset now)
    {
        if (series.At(night) is not { } point || !point.RunIds.Contains(runId)) return null;
        var baselineSince = seriesRecords
            .Where(r => r.Status == RegressionStatus.Open && r.FirstBadNight <= night
                        && (r.Direction == RegressionDirection.Improvement || r.TriageState == TriageState.WontFix))
            .Select(r => (DateOnly?)r.FirstBadNight)
            .Max();
        var result = gate.Check(series.Until(night), baselineSince);
        return new RunGateVerdict
        {
            RunId = runId,
            SuiteId = series.Identity.SuiteId,
            DeviceModel = series.Identity.DeviceModel,
            ModelId = series.Identity.ModelId,
            VariantId = series.Identity.VariantId,
            Metric = series.Identity.Metric,
            Night = night,
            Verdict = result.Verdict,
            Value = result.Value,
            BaselineMean = Finite(result.BaselineMean),
            BaselineNights = result.BaselineNights,
            RelativeChange = Finite(result.RelativeChange),
            PValue = Finite(result.PValue),
            Reason = result.Reason,
            CreatedAt = now,
        };
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
