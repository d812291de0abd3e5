using System.Globalization;

namespace DeviceLab.Cli.Regressions.Evaluation;

/// <summary>Writes the report as Markdown tables: readable in a terminal and pasteable into an ADR as is.</summary>
public static class EvaluationTable
{
    public static void Write(EvaluationReport report, TextWriter output)
    {
        var d = report.Detector;
        var s = report.Settings;
        output.WriteLine($"Detector: window {d.WindowNights} nights, max p-value {d.MaxPValue:G3}, min magnitude {d.MinRelativeMagnitude:0.##%}, " +
                         $"min segment {d.MinSegmentNights} nights, outlier threshold {d.OutlierThresholdSigmas:0.##} σ" +
                         (d.NewLevelNights > 0
                             ? $", new level (< {d.NewLevelNights} nights): first look p × {d.FirstLookPValueFactor:0.###}, then p × {d.NewLevelPValueFactor:0.###}, magnitude × {d.NewLevelMagnitudeShare:0.###}"
                             : ", new levels judged like old ones") +
                         (d.UseNightSpread ? ", night spreads used" : ""));
        if (s.RepetitionsPerNight > 0)
            output.WriteLine($"Nights: {s.RepetitionsPerNight} repetitions each, night effect {s.NightEffectShare:0.##%} of the night-to-night variance.");
        output.WriteLine($"Series: {s.SeriesPerScenario} per scenario × {s.Nights} nights, seed {s.Seed}; hit = right kind within ±{ScenarioScore.ToleranceNights} nights; " +
                         $"'≤{ScenarioScore.DeadlineNights}n' = found at most {ScenarioScore.DeadlineNights} nights after the step.");
        output.WriteLine();

        foreach (var cvGroup in report.Scenarios.GroupBy(x => x.Scenario.Cv))
        {
            output.WriteLine($"### CV {cvGroup.Key:0.#%}");
            output.WriteLine();
            output.WriteLine("| noise | step | recall | recall ≤1n | recall ≤2n | recall ≤3n | median delay | p90 delay | loc. error | false alarms /1000 |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var score in cvGroup)
            {
                output.WriteLine($"| {score.Scenario.Noise} | {score.Scenario.Step:0.#%} | {Percent(score.Recall)} | {Percent(score.RecallWithin(1))} | " +
                                 $"{Percent(score.RecallWithin(2))} | {Percent(score.RecallWithinDeadline)} | " +
                                 $"{Number(score.MedianDelayNights, "0.#")} | {Number(score.P90DelayNights, "0.#")} | {Number(score.MeanLocalisationErrorNights, "0.00")} | " +
                                 $"{score.FalseAlarmsPer1000SeriesNights:0.00} |");
            }
            output.WriteLine();
        }

        if (report.Sweep.Count > 0)
        {
            output.WriteLine($"### p-value sweep (recall on Gaussian {s.SweepStep:0.#%} steps; false alarms on no-step series)");
            output.WriteLine();
            output.WriteLine("| max p-value | CV | recall | recall ≤3n | median delay | false alarms /1000 Gaussian | false alarms /1000 all noise |");
            output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var row in report.Sweep)
            {
                output.WriteLine($"| {row.PValue:G3} | {row.Cv:0.#%} | {Percent(row.Recall)} | {Percent(row.RecallWithinDeadline)} | " +
                                 $"{Number(row.MedianDelayNights, "0.#")} | {row.FalseAlarmsPer1000Gaussian:0.00} | {row.FalseAlarmsPer1000AllNoise:0.00} |");
            }
            output.WriteLine();
        }

        var seconds = report.Elapsed.TotalSeconds;
        output.WriteLine($"{report.SeriesNights:N0} series-nights replayed in {seconds:0.0} s ({report.SeriesNights / Math.Max(seconds, 1e-9):N0} series-nights/s, " +
                         $"{Environment.ProcessorCount} cores).");
    }

    private static string Percent(double value) => double.IsNaN(value) ? "—" : value.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Number(double value, string format) => double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);
}
