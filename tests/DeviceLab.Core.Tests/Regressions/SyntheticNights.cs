namespace DeviceLab.Core.Tests.Regressions;

/// <summary>Seeded nightly values for detector tests: a level with Gaussian noise and optional steps.</summary>
internal static class SyntheticNights
{
    /// <param name="nights">Number of nights.</param>
    /// <param name="cv">Noise standard deviation relative to the base level (0 = noise-free).</param>
    /// <param name="seed">System.Random seed, so every run sees the same nights.</param>
    /// <param name="steps">(first night, relative change of the level from then on), applied cumulatively.</param>
    public static double[] Generate(int nights, double cv, int seed, params (int Night, double Change)[] steps)
    {
        const double level = 50.0;
        var random = new Random(seed);
        var values = new double[nights];
        for (var night = 0; night < nights; night++)
        {
            var value = level;
            foreach (var (stepNight, change) in steps) if (night >= stepNight) value *= 1 + change;
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[night] = value + cv * level * gaussian;
        }
        return values;
    }
}
