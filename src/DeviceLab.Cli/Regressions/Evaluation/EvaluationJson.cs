using System.Text.Json;

namespace DeviceLab.Cli.Regressions.Evaluation;

/// <summary>Writes the report as JSON for scripts and CI. Numbers that do not exist (recall of a
/// scenario without a step, delay when nothing was found) are null, never NaN.</summary>
public static class EvaluationJson
{
    public static void Write(EvaluationReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();

        var d = report.Detector;
        json.WriteStartObject("detector");
        json.WriteNumber("window_nights", d.WindowNights);
        json.WriteNumber("max_p_value", d.MaxPValue);
        json.WriteNumber("min_relative_magnitude", d.MinRelativeMagnitude);
        json.WriteNumber("min_segment_nights", d.MinSegmentNights);
        json.WriteNumber("outlier_threshold_sigmas", d.OutlierThresholdSigmas);
        json.WriteNumber("new_level_nights", d.NewLevelNights);
        json.WriteNumber("first_look_p_value_factor", d.FirstLookPValueFactor);
        json.WriteNumber("new_level_p_value_factor", d.NewLevelPValueFactor);
        json.WriteNumber("new_level_magnitude_share", d.NewLevelMagnitudeShare);
        json.WriteBoolean("use_night_spread", d.UseNightSpread);
        json.WriteEndObject();

        json.WriteNumber("series_per_scenario", report.Settings.SeriesPerScenario);
        json.WriteNumber("nights", report.Settings.Nights);
        json.WriteNumber("seed", report.Settings.Seed);
        json.WriteNumber("repetitions_per_night", report.Settings.RepetitionsPerNight);
        json.WriteNumber("night_effect_share", report.Settings.NightEffectShare);

        json.WriteStartArray("scenarios");
        foreach (var score in report.Scenarios)
        {
            json.WriteStartObject();
            json.WriteString("noise", score.Scenario.Noise.ToString());
            json.WriteNumber("cv", score.Scenario.Cv);
            json.WriteNumber("step", score.Scenario.Step);
            json.WriteNumber("series", score.Series);
            Number(json, "recall", score.Recall);
            Number(json, "recall_within_1_night", score.RecallWithin(1));
            Number(json, "recall_within_2_nights", score.RecallWithin(2));
            Number(json, "recall_within_3_nights", score.RecallWithinDeadline);
            Number(json, "median_delay_nights", score.MedianDelayNights);
            Number(json, "p90_delay_nights", score.P90DelayNights);
            Number(json, "mean_localisation_error_nights", score.MeanLocalisationErrorNights);
            json.WriteNumber("false_alarms", score.FalseAlarms);
            json.WriteNumber("series_nights", score.SeriesNights);
            json.WriteNumber("false_alarms_per_1000", score.FalseAlarmsPer1000SeriesNights);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("p_value_sweep");
        foreach (var row in report.Sweep)
        {
            json.WriteStartObject();
            json.WriteNumber("max_p_value", row.PValue);
            json.WriteNumber("cv", row.Cv);
            json.WriteNumber("step", row.Step);
            Number(json, "recall", row.Recall);
            Number(json, "recall_within_3_nights", row.RecallWithinDeadline);
            Number(json, "median_delay_nights", row.MedianDelayNights);
            json.WriteNumber("false_alarms_per_1000_gaussian", row.FalseAlarmsPer1000Gaussian);
            json.WriteNumber("false_alarms_per_1000_all_noise", row.FalseAlarmsPer1000AllNoise);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteNumber("series_nights_replayed", report.SeriesNights);
        json.WriteNumber("run_time_seconds", Math.Round(report.Elapsed.TotalSeconds, 3));
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsNaN(value)) json.WriteNull(name);
        else json.WriteNumber(name, value);
    }
}
