using System.Diagnostics;
using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Cli.Regressions.Evaluation;

/// <summary>
/// Runs the evaluation: every scenario's series replayed night by night through the detector and the
/// reconciler, scored against the injected truth; then the same series again for each swept p-value.
/// Series run in parallel; results are gathered in a fixed order, so the report is the same for the
/// same seed on any machine.
/// </summary>
public static class DetectorEvaluation
{
    public static EvaluationReport Run(EvaluationSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var scenarios = (
            from cv in settings.Cvs
            from step in settings.Steps
            from noise in Enum.GetValues<NoiseModel>()
            select new Scenario(noise, cv, step)).ToList();
        var scores = Score(scenarios, settings, settings.Detector);
        var seriesNights = scores.Sum(s => s.SeriesNights);

        var sweep = new List<SweepRow>();
        foreach (var pValue in settings.SweepPValues)
        {
            var options = settings.Detector with { MaxPValue = pValue };
            foreach (var cv in settings.Cvs)
            {
                var sweepScenarios = Enum.GetValues<NoiseModel>().Select(noise => new Scenario(noise, cv, 0))
                    .Prepend(new Scenario(NoiseModel.Gaussian, cv, settings.SweepStep)).ToList();
                var sweepScores = Score(sweepScenarios, settings, options);
                seriesNights += sweepScores.Sum(s => s.SeriesNights);
                var stepped = sweepScores[0];
                var quiet = sweepScores.Skip(1).ToList();
                var gaussian = quiet.Single(s => s.Scenario.Noise == NoiseModel.Gaussian);
                var allNoise = 1000.0 * quiet.Sum(s => s.FalseAlarms) / quiet.Sum(s => s.SeriesNights);
                sweep.Add(new SweepRow(pValue, cv, settings.SweepStep, stepped.Recall, stepped.RecallWithinDeadline, stepped.MedianDelayNights,
                    gaussian.FalseAlarmsPer1000SeriesNights, allNoise));
            }
        }
        return new EvaluationReport(settings, scores, sweep, seriesNights, clock.Elapsed);
    }

    private static List<ScenarioScore> Score(List<Scenario> scenarios, EvaluationSettings settings, ChangePointOptions options)
    {
        var perScenario = settings.SeriesPerScenario;
        var outcomes = new (SyntheticSeries Series, List<SeriesReplay.Opened> Opened)[scenarios.Count * perScenario];
        Parallel.For(0, outcomes.Length, job =>
        {
            var scenario = scenarios[job / perScenario];
            var series = SyntheticSeries.Generate(scenario, settings.Nights, scenario.SeedFor(settings.Seed, job % perScenario),
                settings.RepetitionsPerNight, settings.NightEffectShare);
            outcomes[job] = (series, SeriesReplay.Run(series, options));
        });

        var scores = scenarios.Select(s => new ScenarioScore(s)).ToList();
        for (var job = 0; job < outcomes.Length; job++) scores[job / perScenario].Add(outcomes[job].Series, outcomes[job].Opened);
        return scores;
    }
}
