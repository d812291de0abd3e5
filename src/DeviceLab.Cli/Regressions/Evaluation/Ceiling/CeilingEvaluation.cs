using System.Diagnostics;
using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Cli.Regressions.Evaluation.Ceiling;

/// <summary>What to measure: the Gaussian series of one CV and step (the very series <c>evaluate</c> replays for the same
/// seed), the threshold grid of the reference tests, and the detector to set beside them.</summary>
public sealed record CeilingSettings
{
    public static readonly double[] DefaultFirstLookPValues = [1e-4, 2e-4, 5e-4, 1e-3];
    public static readonly double[] DefaultLaterLookPValues = [5e-4, 1e-3, 1.5e-3, 2e-3];

    public double Cv { get; init; } = 0.02;
    public double Step { get; init; } = 0.05;
    public int SeriesPerScenario { get; init; } = 1000;
    public int Nights { get; init; } = 60;
    public int Seed { get; init; } = 1;

    /// <summary>The false-alarm budget the summary picks the best row under, per 1,000 series-nights.</summary>
    public double FalseAlarmBudget { get; init; } = 1.0;

    public IReadOnlyList<double> FirstLookPValues { get; init; } = DefaultFirstLookPValues;
    public IReadOnlyList<double> LaterLookPValues { get; init; } = DefaultLaterLookPValues;
    public ChangePointOptions Detector { get; init; } = new();
}

/// <summary>One test at one pair of thresholds: its score on the stepped series and on the series without a step.</summary>
/// <param name="Test">"DeviceLab detector" or the reference's name.</param>
/// <param name="FirstLookPValue">The k = 3 threshold; NaN for the detector (its own options apply).</param>
/// <param name="LaterLookPValue">The k = 4 threshold; NaN for the detector.</param>
public sealed record CeilingRow(string Test, NoiseKnowledge? Noise, double FirstLookPValue, double LaterLookPValue, ScenarioScore Stepped, ScenarioScore Quiet)
{
    public bool WithinBudget(double budget) => Quiet.FalseAlarmsPer1000SeriesNights <= budget;
}

public sealed record CeilingReport(CeilingSettings Settings, IReadOnlyList<CeilingRow> Rows, TimeSpan Elapsed)
{
    /// <summary>The row of <paramref name="noise"/> (null: the detector) with the highest recall by the deadline whose false
    /// alarms on the quiet series stay within the budget; null when none does.</summary>
    public CeilingRow? BestWithinBudget(NoiseKnowledge? noise) => Rows
        .Where(r => r.Noise == noise && r.WithinBudget(Settings.FalseAlarmBudget))
        .OrderByDescending(r => r.Stepped.RecallWithinDeadline)
        .FirstOrDefault();
}

/// <summary>
/// Measures how far the detector is from what the series allow: the reference <see cref="NewestLevelTest"/> with the
/// series' own noise (the ceiling for any detector that sees only the nights) and with the true noise (what knowing σ
/// would be worth), over a grid of thresholds, on the same Gaussian series as the detector (docs/decisions/0107).
/// </summary>
public static class CeilingEvaluation
{
    public static CeilingReport Run(CeilingSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var stepped = Generate(new Scenario(NoiseModel.Gaussian, settings.Cv, settings.Step), settings);
        var quiet = Generate(new Scenario(NoiseModel.Gaussian, settings.Cv, 0), settings);
        var knownSigma = settings.Cv * SyntheticSeries.LevelMsPerToken;

        var rows = new List<CeilingRow>
        {
            Score("DeviceLab detector", null, double.NaN, double.NaN, stepped, quiet, series => SeriesReplay.Run(series, settings.Detector)),
        };
        foreach (var noise in Enum.GetValues<NoiseKnowledge>())
        foreach (var first in settings.FirstLookPValues)
        foreach (var later in settings.LaterLookPValues)
        {
            var test = new NewestLevelTest(first, later, noise, knownSigma);
            var name = noise == NoiseKnowledge.OwnNights ? "Newest level, own nights (t)" : "Newest level, σ known (z)";
            rows.Add(Score(name, noise, first, later, stepped, quiet, series => test.Replay(series.Values)));
        }
        return new CeilingReport(settings, rows, clock.Elapsed);
    }

    private sealed record ScenarioSeries(Scenario Scenario, SyntheticSeries[] Series);

    private static ScenarioSeries Generate(Scenario scenario, CeilingSettings settings) => new(scenario,
        Enumerable.Range(0, settings.SeriesPerScenario)
            .Select(i => SyntheticSeries.Generate(scenario, settings.Nights, scenario.SeedFor(settings.Seed, i)))
            .ToArray());

    private static CeilingRow Score(string name, NoiseKnowledge? noise, double first, double later, ScenarioSeries stepped, ScenarioSeries quiet,
        Func<SyntheticSeries, List<SeriesReplay.Opened>> replay)
    {
        return new CeilingRow(name, noise, first, later, ScoreAll(stepped), ScoreAll(quiet));

        ScenarioScore ScoreAll(ScenarioSeries scenario)
        {
            var all = scenario.Series;
            var opened = new List<SeriesReplay.Opened>[all.Length];
            Parallel.For(0, all.Length, i => opened[i] = replay(all[i]));
            var score = new ScenarioScore(scenario.Scenario);
            for (var i = 0; i < all.Length; i++) score.Add(all[i], opened[i]);
            return score;
        }
    }
}
