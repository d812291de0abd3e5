using System.CommandLine;
using DeviceLab.Cli.Regressions.Evaluation;
using DeviceLab.Cli.Regressions.Evaluation.Ceiling;

namespace DeviceLab.Cli.Regressions;

/// <summary>
/// <c>devicelab regressions ceiling</c>: how close the detector is to what the series allow. Sets the detector beside a
/// reference test of the newest level that sees only the series' own nights (the best such a test can do) and the same
/// test given the true noise, on the Gaussian series of one CV and step (docs/decisions/0107).
/// </summary>
public static class CeilingCommand
{
    public static Command Create()
    {
        var cv = new Option<double>("--cv") { Description = "Coefficient of variation of the nights, in percent.", DefaultValueFactory = _ => 2 };
        var step = new Option<double>("--step") { Description = "Injected step, in percent.", DefaultValueFactory = _ => 5 };
        foreach (var percent in new[] { cv, step })
        {
            percent.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<double>() is var value && !(value > 0 && value < 100))
                    result.AddError($"{percent.Name} is a percentage above 0 and below 100, got {value}.");
            });
        }
        var series = new Option<int>("--series") { Description = "Series with the step, and as many without.", DefaultValueFactory = _ => 1000 };
        var nights = new Option<int>("--nights") { Description = "Nights per series.", DefaultValueFactory = _ => 60 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic series (the same series as `evaluate --seed`).", DefaultValueFactory = _ => 1 };
        var budget = new Option<double>("--false-alarm-budget")
            { Description = "False alarms per 1,000 series-nights the summary allows.", DefaultValueFactory = _ => 1.0 };
        var json = new Option<bool>("--json") { Description = "Write JSON (recall_within_3_nights and false_alarms_per_1000 per row) instead of a table." };
        series.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError($"--series must be at least 1, got {result.GetValueOrDefault<int>()}.");
        });
        nights.Validators.Add(result =>
        {
            var minimum = SyntheticSeries.FirstStepNight + SyntheticSeries.NightsAfterLastStep;
            if (result.GetValueOrDefault<int>() < minimum) result.AddError($"--nights must be at least {minimum}, got {result.GetValueOrDefault<int>()}.");
        });
        budget.Validators.Add(result =>
        {
            if (!(result.GetValueOrDefault<double>() >= 0)) result.AddError($"--false-alarm-budget must be ≥ 0, got {result.GetValueOrDefault<double>()}.");
        });

        var command = new Command("ceiling",
            "Set the detector beside the best test of the newest level that sees only the series' own nights, and the same test " +
            "given the true noise, on Gaussian series of one CV and step: how much recall is left for any detector to find.")
        {
            cv, step, series, nights, seed, budget, json,
        };
        command.SetAction(parseResult =>
        {
            var report = CeilingEvaluation.Run(new CeilingSettings
            {
                Cv = parseResult.GetValue(cv) / 100,
                Step = parseResult.GetValue(step) / 100,
                SeriesPerScenario = parseResult.GetValue(series),
                Nights = parseResult.GetValue(nights),
                Seed = parseResult.GetValue(seed),
                FalseAlarmBudget = parseResult.GetValue(budget),
            });
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json)) CeilingOutput.WriteJson(report, output);
            else CeilingOutput.WriteTable(report, output);
            return 0;
        });
        return command;
    }
}
