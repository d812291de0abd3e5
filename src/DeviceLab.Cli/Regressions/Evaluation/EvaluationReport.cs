using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Cli.Regressions.Evaluation;

/// <summary>One line of the p-value sweep at one CV: recall on Gaussian series with a step, false alarms
/// on Gaussian series without one, and false alarms on no-step series of every noise model together.</summary>
public sealed record SweepRow(
    double PValue, double Cv, double Step, double Recall, double RecallWithinDeadline, double MedianDelayNights,
    double FalseAlarmsPer1000Gaussian, double FalseAlarmsPer1000AllNoise);

/// <summary>Everything <c>regressions evaluate</c> measured.</summary>
public sealed record EvaluationReport(
    EvaluationSettings Settings,
    IReadOnlyList<ScenarioScore> Scenarios,
    IReadOnlyList<SweepRow> Sweep,
    long SeriesNights,
    TimeSpan Elapsed)
{
    public ChangePointOptions Detector => Settings.Detector;
}
