using DeviceLab.Core.Regressions.Triage;

namespace DeviceLab.Cli.Regressions.Evaluation;

/// <summary>A generated nightly decode-latency series (ms/token, lower is better) with its ground truth.</summary>
/// <param name="Values">Nightly values (the mean of the night's repetitions when repetitions are simulated).</param>
/// <param name="StepNight">Index of the first night of the injected step; null when there is none.</param>
/// <param name="StepKind">Whether the step is a regression (slower) or an improvement.</param>
/// <param name="Spreads">Standard deviation of each night's repetitions; 0 without repetitions.</param>
/// <param name="Counts">Repetitions per night; 1 without repetitions.</param>
public sealed record SyntheticSeries(double[] Values, int? StepNight, ChangeKind? StepKind, double[] Spreads, int[] Counts)
{
    /// <summary>A series of single numbers per night (no repetitions).</summary>
    public SyntheticSeries(double[] values, int? stepNight, ChangeKind? stepKind)
        : this(values, stepNight, stepKind, new double[values.Length], Enumerable.Repeat(1, values.Length).ToArray())
    {
    }

    public const double LevelMsPerToken = 50;
    public const int FirstStepNight = 20;   // enough history for a baseline
    public const int NightsAfterLastStep = 10; // enough nights to see it found

    /// <param name="scenario">Noise model, CV and step.</param>
    /// <param name="nights">Series length.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="repetitions">Repetitions per night; 0 draws one number per night (the published figures).</param>
    /// <param name="nightEffectShare">With repetitions: the share of the night-to-night variance that is a shared night
    /// effect (temperature, background load), the rest being the repetitions' own noise averaged over the night. 0 means
    /// a night's spread explains all of its scatter; phones are closer to 1 (docs/decisions/0072).</param>
    public static SyntheticSeries Generate(Scenario scenario, int nights, int seed, int repetitions = 0, double nightEffectShare = 0)
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
        var spreads = new double[nights];
        var counts = Enumerable.Repeat(Math.Max(1, repetitions), nights).ToArray();
        for (var night = 0; night < nights; night++)
        {
            var level = LevelMsPerToken * (night >= stepNight ? stepFactor : 1);
            var noiseSigma = scenario.Noise == NoiseModel.VarianceChange && night >= varianceNight ? 2.5 * sigma : sigma;
            var value = level + (repetitions > 0
                ? Night(random, noiseSigma, repetitions, nightEffectShare, out spreads[night])
                : noiseSigma * Gaussian(random));
            value += scenario.Noise switch
            {
                NoiseModel.Outliers when random.NextDouble() < 0.05 => level * (0.15 + 0.25 * random.NextDouble()),
                NoiseModel.Drift => driftPerNight * night,
                NoiseModel.Bimodal when random.NextDouble() < 0.25 => 2 * sigma,
                _ => 0,
            };
            values[night] = value;
        }
        return new SyntheticSeries(values, stepNight, stepNight is null ? null : regression ? ChangeKind.Regression : ChangeKind.Improvement, spreads, counts);
    }

    // One night with repetitions: a shared night effect (variance share·σ²) plus the mean of the repetitions, each with
    // variance (1 − share)·σ²·n, so the night's value has variance σ² either way; the spread is the repetitions' own.
    private static double Night(Random random, double sigma, int repetitions, double nightEffectShare, out double spread)
    {
        var nightEffect = Math.Sqrt(nightEffectShare) * sigma * Gaussian(random);
        var repetitionSigma = Math.Sqrt((1 - nightEffectShare) * repetitions) * sigma;
        Span<double> draws = stackalloc double[repetitions];
        for (var i = 0; i < repetitions; i++) draws[i] = repetitionSigma * Gaussian(random);
        var mean = 0.0;
        foreach (var d in draws) mean += d / repetitions;
        var squares = 0.0;
        foreach (var d in draws) squares += (d - mean) * (d - mean);
        spread = repetitions > 1 ? Math.Sqrt(squares / (repetitions - 1)) : 0;
        return nightEffect + mean;
    }

    // Box–Muller; 1 − U keeps the logarithm away from 0.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
