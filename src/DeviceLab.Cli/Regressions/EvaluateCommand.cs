using System.CommandLine;
using System.CommandLine.Parsing;
using DeviceLab.Cli.Regressions.Evaluation;
using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Cli.Regressions;

/// <summary>
/// <c>devicelab regressions evaluate</c>: the change-point detector's bench. Replays synthetic nightly
/// series with injected steps night by night and reports recall, delay, false alarms and localisation.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var defaults = new ChangePointOptions();
        var cv = Percent("--cv", "Only this coefficient of variation, in percent (e.g. 2); default: 2, 5 and 10.");
        var step = Percent("--step", "Only this injected step, in percent (e.g. 5), plus the no-step series; default: 2, 3, 5 and 10.", allowZero: true);
        var json = new Option<bool>("--json") { Description = "Write JSON (recall, false_alarms_per_1000, median_delay_nights per scenario) instead of tables." };
        var series = Positive("--series", 200, "Series per scenario.");
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic series.", DefaultValueFactory = _ => 1 };
        var nights = Positive("--nights", 60, $"Nights per series (at least {SyntheticSeries.FirstStepNight + SyntheticSeries.NightsAfterLastStep}).");
        var window = Positive("--window", defaults.WindowNights, "Detector window, in nights.");
        var pValue = new Option<double>("--p-value") { Description = "Detector max p-value.", DefaultValueFactory = _ => defaults.MaxPValue };
        var magnitude = new Option<double>("--min-magnitude")
            { Description = "Detector min relative magnitude, in percent.", DefaultValueFactory = _ => defaults.MinRelativeMagnitude * 100 };
        var minSegment = Positive("--min-segment", defaults.MinSegmentNights, "Detector min segment, in nights.");
        var outlierSigmas = new Option<double>("--outlier-sigmas")
            { Description = "Detector outlier threshold in robust σ (0 = off).", DefaultValueFactory = _ => defaults.OutlierThresholdSigmas };
        var newLevelNights = new Option<int>("--new-level-nights")
            { Description = "Detector: nights the newest level is judged as a sequential test (0 = off).", DefaultValueFactory = _ => defaults.NewLevelNights };
        var firstLook = new Option<double>("--first-look-factor")
            { Description = "Detector: share of the max p-value a new level must reach on its first look.", DefaultValueFactory = _ => defaults.FirstLookPValueFactor };
        var newLevelP = new Option<double>("--new-level-p-factor")
            { Description = "Detector: multiple of the max p-value a new level must reach after its first look.", DefaultValueFactory = _ => defaults.NewLevelPValueFactor };
        var newLevelMagnitude = new Option<double>("--new-level-magnitude-share")
            { Description = "Detector: share of the min magnitude a new level must reach.", DefaultValueFactory = _ => defaults.NewLevelMagnitudeShare };
        var repetitions = new Option<int>("--repetitions")
            { Description = "Simulate this many repetitions per night, so nights carry their own spread (default 0: one number per night)." };
        repetitions.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var r && (r < 0 || r == 1 || r > 1000)) result.AddError($"--repetitions is 0 (off) or 2–1000, got {r}.");
        });
        var nightEffect = new Option<double>("--night-effect-share")
            { Description = "With --repetitions: share (0–1) of the night-to-night variance that is a shared night effect rather than repetition noise." };
        nightEffect.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var share && !(share >= 0 && share <= 1)) result.AddError($"--night-effect-share is a share from 0 to 1, got {share}.");
        });
        var useNightSpread = new Option<bool>("--use-night-spread") { Description = "Detector: test against the nights' own spread where it explains their scatter." };
        var noSweep = new Option<bool>("--no-sweep") { Description = "Skip the p-value sweep." };
        var sweep = new Option<double[]>("--sweep")
        {
            Description = "p-value thresholds to sweep (repeat the option or separate by spaces); default: 1e-2 1e-3 1e-4 1e-5 1e-6.",
            AllowMultipleArgumentsPerToken = true,
        };
        sweep.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double[]>()?.FirstOrDefault(p => !(p > 0 && p < 1)) is { } bad and not 0)
                result.AddError($"--sweep takes p-values strictly between 0 and 1, got {bad}.");
        });

        var command = new Command("evaluate",
            "Measure the change-point detector on synthetic nightly series (steps of 2-10 % under Gaussian, outlier, " +
            "variance-change, drift and bimodal noise at CV 2/5/10 %), replayed night by night as in production.")
        {
            cv, step, json, series, seed, nights, window, pValue, magnitude, minSegment, outlierSigmas, newLevelNights, firstLook, newLevelP,
            newLevelMagnitude, repetitions, nightEffect, useNightSpread,
            noSweep, sweep,
        };
        command.SetAction(parseResult =>
        {
            ChangePointOptions detector;
            try
            {
                detector = (defaults with
                {
                    WindowNights = parseResult.GetValue(window),
                    MaxPValue = parseResult.GetValue(pValue),
                    MinRelativeMagnitude = parseResult.GetValue(magnitude) / 100,
                    MinSegmentNights = parseResult.GetValue(minSegment),
                    OutlierThresholdSigmas = parseResult.GetValue(outlierSigmas),
                    NewLevelNights = parseResult.GetValue(newLevelNights),
                    FirstLookPValueFactor = parseResult.GetValue(firstLook),
                    NewLevelPValueFactor = parseResult.GetValue(newLevelP),
                    NewLevelMagnitudeShare = parseResult.GetValue(newLevelMagnitude),
                    UseNightSpread = parseResult.GetValue(useNightSpread),
                }).Validated();
            }
            catch (ArgumentException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"Invalid detector option: {e.Message}");
                return 2;
            }
            if (parseResult.GetValue(nights) < SyntheticSeries.FirstStepNight + SyntheticSeries.NightsAfterLastStep)
            {
                parseResult.InvocationConfiguration.Error.WriteLine(
                    $"--nights must be at least {SyntheticSeries.FirstStepNight + SyntheticSeries.NightsAfterLastStep}.");
                return 2;
            }

            var settings = new EvaluationSettings
            {
                Cv = parseResult.GetValue(cv) / 100,
                Step = parseResult.GetValue(step) / 100,
                SeriesPerScenario = parseResult.GetValue(series),
                Seed = parseResult.GetValue(seed),
                Nights = parseResult.GetValue(nights),
                Detector = detector,
                RepetitionsPerNight = parseResult.GetValue(repetitions),
                NightEffectShare = parseResult.GetValue(nightEffect),
                SweepPValues = parseResult.GetValue(noSweep) ? []
                    : parseResult.GetValue(sweep) is { Length: > 0 } chosen ? chosen : EvaluationSettings.DefaultSweepPValues,
            };
            var report = DetectorEvaluation.Run(settings);
            if (parseResult.GetValue(json))
            {
                using var stream = new MemoryStream();
                EvaluationJson.Write(report, stream);
                parseResult.InvocationConfiguration.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            }
            else
            {
                EvaluationTable.Write(report, parseResult.InvocationConfiguration.Output);
            }
            return 0;
        });
        return command;
    }

    private static Option<double?> Percent(string name, string description, bool allowZero = false)
    {
        var option = new Option<double?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && (value < 0 || (!allowZero && value == 0) || value >= 100))
                result.AddError($"{name} is a percentage {(allowZero ? "≥ 0" : "> 0")} and below 100, got {value}.");
        });
        return option;
    }

    private static Option<int> Positive(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError($"{name} must be at least 1, got {result.GetValueOrDefault<int>()}.");
        });
        return option;
    }
}
