using DeviceLab.Cli.Regressions.Evaluation;
using DeviceLab.Core.Regressions.Triage;
using Opened = DeviceLab.Cli.Regressions.Evaluation.SeriesReplay.Opened;

namespace DeviceLab.Cli.Tests.Regressions.Evaluation;

public class ScenarioScoreTests
{
    private static readonly Scenario Stepped = new(NoiseModel.Gaussian, 0.02, 0.05);
    private static SyntheticSeries StepAt(int night) => new(new double[60], night, ChangeKind.Regression);

    [Fact]
    public void A_detection_within_two_nights_counts_for_recall_with_its_delay()
    {
        var score = new ScenarioScore(Stepped);

        score.Add(StepAt(40), [new Opened(OpenedNight: 43, FirstBadNightAtOpen: 41, FirstBadNight: 40, ChangeKind.Regression)]);

        Assert.Equal(1.0, score.Recall);
        Assert.Equal(1.0, score.RecallWithinDeadline);
        Assert.Equal((0.0, 0.0, 1.0), (score.RecallWithin(1), score.RecallWithin(2), score.RecallWithin(3))); // opened 3 nights after
        Assert.Equal(3, score.MedianDelayNights);
        Assert.Equal(1, score.MeanLocalisationErrorNights); // as opened
        Assert.Equal(0, score.FalseAlarms);
    }

    [Fact]
    public void A_late_detection_is_found_but_not_within_the_deadline()
    {
        var score = new ScenarioScore(Stepped);

        score.Add(StepAt(40), [new Opened(45, 40, 40, ChangeKind.Regression)]);

        Assert.Equal(1.0, score.Recall);
        Assert.Equal(0.0, score.RecallWithinDeadline);
    }

    [Fact]
    public void A_badly_placed_detection_is_a_miss_but_not_a_false_alarm()
    {
        var score = new ScenarioScore(Stepped);

        score.Add(StepAt(40), [new Opened(48, 45, 45, ChangeKind.Regression)]);

        Assert.Equal(0.0, score.Recall);
        Assert.Equal(5, score.MeanLocalisationErrorNights);
        Assert.Equal(0, score.FalseAlarms);
    }

    [Fact]
    public void Noise_wrong_kinds_early_alarms_and_duplicates_are_false_alarms()
    {
        var score = new ScenarioScore(Stepped);

        score.Add(StepAt(40),
        [
            new Opened(20, 17, 17, ChangeKind.Regression),   // before the step
            new Opened(42, 40, 40, ChangeKind.Improvement),  // wrong kind
            new Opened(43, 40, 40, ChangeKind.Regression),   // the detection
            new Opened(50, 46, 46, ChangeKind.Regression),   // a duplicate
        ]);

        Assert.Equal(1.0, score.Recall);
        Assert.Equal(3, score.FalseAlarms);
        Assert.Equal(1000.0 * 3 / 60, score.FalseAlarmsPer1000SeriesNights, 9);
    }

    [Fact]
    public void Series_without_a_step_have_no_recall_only_false_alarms()
    {
        var score = new ScenarioScore(new Scenario(NoiseModel.Gaussian, 0.02, 0));

        score.Add(new SyntheticSeries(new double[60], null, null), [new Opened(30, 28, 28, ChangeKind.Improvement)]);
        score.Add(new SyntheticSeries(new double[60], null, null), []);

        Assert.True(double.IsNaN(score.Recall));
        Assert.Equal(1, score.FalseAlarms);
        Assert.Equal(120, score.SeriesNights);
    }
}
