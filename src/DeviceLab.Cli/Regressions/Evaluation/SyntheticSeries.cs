using DeviceLab.Core.Regressions.Triage;

namespace DeviceLab.Cli.Regressions.Evaluation;

/// <summary>A generated nightly decode-latency series (ms/token, lower is better) with its ground truth.</summary>
/// <param name="Values">Nightly medians.</param>
/// <param name="StepNight">Index of the first night of the injected step; null when there is none.</param>
/// <param name="StepKind">Whether the step is a regression (slower) or an improvement.</param>
public sealed record SyntheticSeries(double[] Values, int? StepNight, ChangeKind? StepKind)
{
    public const double LevelMsPerToken = 50;
    public const int FirstStepNight = 20;   // enough history for a baseline
    public const int NightsAfterLastStep = 10; // enough nights to see it found

    public static SyntheticSeries Generate(Scenario scenario, int nights, int seed)
    {
        if (nights < FirstStepNight + NightsAfterLastStep)
            throw new ArgumentOutOfRangeException(nameof(nights), nights, $"A series needs at least {FirstStepNight + NightsAfterLastStep} nights.");
        var random = new Random(seed);
        var sigma = scenario.Cv * LevelMsPerToken;

        int? stepNight = scenario.Step > 0 ? random.Next(FirstStepNight, nights - NightsAfterLastStep + 1) : null;
        var regression = random.Next(2) == 0;
        var stepFactor = 1 + (regression ? scenario.Step : -scenario.Step);
        var varianceNight = random.Next(15, nights - NightsAfterLastStep + 1);
        var driftPerNight = (random.Next(2) == 0 ? 1 : -1) * 0.0005 * LevelMsPerToken;

        var values = new double[nights];
        for (var night = 0; night < nights; night++)
        {
            var level = LevelMsPerToken * (night >= stepNight ? stepFactor : 1);
            var noiseSigma = scenario.Noise == NoiseModel.VarianceChange && night >= varianceNight ? 2.5 * sigma : sigma;
            var value = level + noiseSigma * Gaussian(random);
            value += scenario.Noise switch
            {
                NoiseModel.Outliers when random.NextDouble() < 0.05 => level * (0.15 + 0.25 * random.NextDouble()),
                NoiseModel.Drift => driftPerNight * night,
                NoiseModel.Bimodal when random.NextDouble() < 0.25 => 2 * sigma,
                _ => 0,
            };
            values[night] = value;
        }
        return new SyntheticSeries(values, stepNight, stepNight is null ? null : regression ? ChangeKind.Regression : ChangeKind.Improvement);
    }

    // Box–Muller; 1 − U keeps the logarithm away from 0.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
