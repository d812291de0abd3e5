using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Cli.Regressions.Evaluation;

/// <summary>What to evaluate: which scenarios, how many series, and the detector's options.</summary>
public sealed record EvaluationSettings
{
    public static readonly double[] AllCvs = [0.02, 0.05, 0.10];
    public static readonly double[] AllSteps = [0, 0.02, 0.03, 0.05, 0.10];
    public static readonly double[] DefaultSweepPValues = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6];

    public int SeriesPerScenario { get; init; } = 200;
    public int Nights { get; init; } = 60;
    public int Seed { get; init; } = 1;
    public ChangePointOptions Detector { get; init; } = new();

    /// <summary>Repetitions simulated per night (0: one number per night, as the published figures).</summary>
    public int RepetitionsPerNight { get; init; }

    /// <summary>With repetitions: share of the night-to-night variance that is a shared night effect (0–1).</summary>
    public double NightEffectShare { get; init; }

    /// <summary>Only this coefficient of variation (e.g. 0.02); null for all of <see cref="AllCvs"/>.</summary>
    public double? Cv { get; init; }

    /// <summary>Only this step (plus the no-step series that measure false alarms); null for all of <see cref="AllSteps"/>.</summary>
    public double? Step { get; init; }

    /// <summary>p-value thresholds to sweep; empty to skip the sweep.</summary>
    public IReadOnlyList<double> SweepPValues { get; init; } = DefaultSweepPValues;

    /// <summary>The step the sweep measures recall on: the chosen one, else 5 %.</summary>
    public double SweepStep => Step is > 0 ? Step.Value : 0.05;

    public IReadOnlyList<double> Cvs => Cv is { } cv ? [cv] : AllCvs;

    public IReadOnlyList<double> Steps => Step is { } step ? (step == 0 ? [0.0] : [0.0, step]) : AllSteps;
}
