using System.Globalization;
using System.Text.Json;

namespace DeviceLab.Cli.Regressions.Evaluation.Ceiling;

/// <summary>Writes the ceiling report as Markdown (terminal and ADR) or JSON (scripts).</summary>
public static class CeilingOutput
{
    public static void WriteTable(CeilingReport report, TextWriter output)
    {
        var s = report.Settings;
        output.WriteLine($"Gaussian series, CV {s.Cv:0.#%}, step {s.Step:0.#%}: {s.SeriesPerScenario} with the step and {s.SeriesPerScenario} without, " +
                         $"{s.Nights} nights each, seed {s.Seed} (the same series as `regressions evaluate`).");
        output.WriteLine($"'≤{ScenarioScore.DeadlineNights}n' = found within ±{ScenarioScore.ToleranceNights} nights, at most {ScenarioScore.DeadlineNights} nights after the step; " +
                         "false alarms per 1,000 series-nights on the series without a step, and (in brackets) in the stepped series.");
        output.WriteLine();
        output.WriteLine("| test | first look p | later looks p | recall ≤3n | recall (any time) | false alarms /1000 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in report.Rows)
        {
            output.WriteLine($"| {row.Test} | {PValue(row.FirstLookPValue)} | {PValue(row.LaterLookPValue)} | {Percent(row.Stepped.RecallWithinDeadline)} | " +
                             $"{Percent(row.Stepped.Recall)} | {row.Quiet.FalseAlarmsPer1000SeriesNights:0.00} ({row.Stepped.FalseAlarmsPer1000SeriesNights:0.00}) |");
        }
        output.WriteLine();
        output.WriteLine($"Best recall ≤{ScenarioScore.DeadlineNights}n with at most {s.FalseAlarmBudget:0.##} false alarm per 1,000 series-nights:");
        foreach (var noise in new NoiseKnowledge?[] { null, NoiseKnowledge.OwnNights, NoiseKnowledge.Known })
        {
            var best = report.BestWithinBudget(noise);
            var name = report.Rows.First(r => r.Noise == noise).Test;
            output.WriteLine(best is null
                ? $"- {name}: no row within the budget"
                : $"- {name}: {Percent(best.Stepped.RecallWithinDeadline)} at {best.Quiet.FalseAlarmsPer1000SeriesNights:0.00}" +
                  (noise is null ? "" : $" (p {PValue(best.FirstLookPValue)} / {PValue(best.LaterLookPValue)})"));
        }
        output.WriteLine();
        output.WriteLine($"{2 * s.SeriesPerScenario * report.Rows.Count:N0} series replayed in {report.Elapsed.TotalSeconds:0.0} s.");
    }

    public static void WriteJson(CeilingReport report, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true })) Write(report, json);
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void Write(CeilingReport report, Utf8JsonWriter json)
    {
        var s = report.Settings;
        json.WriteStartObject();
        json.WriteNumber("cv", s.Cv);
        json.WriteNumber("step", s.Step);
        json.WriteNumber("series_per_scenario", s.SeriesPerScenario);
        json.WriteNumber("nights", s.Nights);
        json.WriteNumber("seed", s.Seed);
        json.WriteNumber("false_alarm_budget_per_1000", s.FalseAlarmBudget);
        json.WriteStartArray("rows");
        foreach (var row in report.Rows)
        {
            json.WriteStartObject();
            json.WriteString("test", row.Test);
            json.WriteString("noise", row.Noise switch { null => "detector", NoiseKnowledge.OwnNights => "own_nights", _ => "known" });
            Number(json, "first_look_p_value", row.FirstLookPValue);
            Number(json, "later_looks_p_value", row.LaterLookPValue);
            Number(json, "recall_within_3_nights", row.Stepped.RecallWithinDeadline);
            Number(json, "recall", row.Stepped.Recall);
            json.WriteNumber("false_alarms_per_1000", row.Quiet.FalseAlarmsPer1000SeriesNights);
            json.WriteNumber("false_alarms_per_1000_stepped", row.Stepped.FalseAlarmsPer1000SeriesNights);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("run_time_seconds", Math.Round(report.Elapsed.TotalSeconds, 3));
        json.WriteEndObject();
    }

    private static string PValue(double p) => double.IsNaN(p) ? "(its own)" : p.ToString("G3", CultureInfo.InvariantCulture);

    private static string Percent(double share) => double.IsNaN(share) ? "—" : share.ToString("0.0%", CultureInfo.InvariantCulture);

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsNaN(value)) json.WriteNull(name);
        else json.WriteNumber(name, value);
    }
}
