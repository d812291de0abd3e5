using DeviceLab.Cli.Regressions.Evaluation;

namespace DeviceLab.Cli.Tests.Regressions.Evaluation;

public class SyntheticSeriesTests
{
    [Fact]
    public void The_same_seed_gives_the_same_series_and_another_seed_another()
    {
        var scenario = new Scenario(NoiseModel.Bimodal, 0.05, 0.05);

        var first = SyntheticSeries.Generate(scenario, 60, scenario.SeedFor(1, 7));
        var again = SyntheticSeries.Generate(scenario, 60, scenario.SeedFor(1, 7));
        var other = SyntheticSeries.Generate(scenario, 60, scenario.SeedFor(1, 8));

        Assert.Equal(first.Values, again.Values);
        Assert.Equal(first.StepNight, again.StepNight);
        Assert.NotEqual(first.Values, other.Values);
    }

    [Fact]
    public void A_step_changes_the_level_by_its_size_from_its_night_on()
    {
        var scenario = new Scenario(NoiseModel.Gaussian, 1e-12, 0.05); // noise-free in effect

        var series = SyntheticSeries.Generate(scenario, 60, seed: 3);

        var step = Assert.NotNull(series.StepNight);
        Assert.InRange(step, SyntheticSeries.FirstStepNight, 60 - SyntheticSeries.NightsAfterLastStep);
        var factor = series.StepKind == DeviceLab.Core.Regressions.Triage.ChangeKind.Regression ? 1.05 : 0.95;
        Assert.Equal(SyntheticSeries.LevelMsPerToken, series.Values[step - 1], 6);
        Assert.Equal(SyntheticSeries.LevelMsPerToken * factor, series.Values[step], 6);
        Assert.Equal(SyntheticSeries.LevelMsPerToken * factor, series.Values[^1], 6);
    }

    [Fact]
    public void Outlier_nights_are_slow_and_rare()
    {
        var scenario = new Scenario(NoiseModel.Outliers, 0.02, 0);

        var values = Enumerable.Range(0, 50).SelectMany(i => SyntheticSeries.Generate(scenario, 60, scenario.SeedFor(2, i)).Values).ToArray();

        var slowNights = values.Count(v => v > SyntheticSeries.LevelMsPerToken * 1.12);
        Assert.InRange(slowNights / (double)values.Length, 0.03, 0.07); // 5 % of nights, 15–40 % slow
    }
}
