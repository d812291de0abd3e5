using DeviceLab.Core.Statistics;

namespace DeviceLab.Server.Fleet;

/// <summary>
/// How noisy a device's recent results of one variant are: the coefficient of variation (stddev ÷ mean) of decode
/// speed within runs (repetition to repetition) and between runs (the runs' means). A device whose figures wander
/// more than its peers' is a suspect before any regression is: a hot phone, a background app, a failing battery.
/// </summary>
/// <param name="Variant">The variant, e.g. "tinyllama Q4_0".</param>
/// <param name="Results">Recent results looked at.</param>
/// <param name="WithinRunCv">Mean of the results' own CVs (0.03 = 3 %).</param>
/// <param name="BetweenRunCv">CV of the results' means; null with fewer than two results.</param>
public sealed record DeviceNoise(string Variant, int Results, double WithinRunCv, double? BetweenRunCv)
{
    /// <summary>Results per variant looked at.</summary>
    public const int Recent = 10;

    /// <summary>Up to 2 % is a quiet device; above 5 % numbers from it need care.</summary>
    public const double QuietCv = 0.02, NoisyCv = 0.05;

    /// <summary>The larger of the two CVs.</summary>
    public double WorstCv => Math.Max(WithinRunCv, BetweenRunCv ?? 0);

    /// <summary>"quiet", "normal" or "noisy".</summary>
    public string Level => WorstCv <= QuietCv ? "quiet" : WorstCv <= NoisyCv ? "normal" : "noisy";

    /// <summary>Noise per variant from (variant, decode tokens/s summary) results, newest first; at most <see cref="Recent"/> per variant.</summary>
    public static IReadOnlyList<DeviceNoise> Of(IEnumerable<(string Variant, SampleSummary Speed)> newestFirst) =>
        newestFirst
            .Where(r => r.Speed.Count > 0 && r.Speed.Mean > 0)
            .GroupBy(r => r.Variant)
            .Select(g =>
            {
                var recent = g.Take(Recent).Select(r => r.Speed).ToList();
                var means = recent.Select(s => s.Mean).ToArray();
                double? between = means.Length >= 2 ? SampleSummary.Of(means).CoefficientOfVariation : null;
                return new DeviceNoise(g.Key, recent.Count, recent.Average(s => s.CoefficientOfVariation), between);
            })
            .OrderBy(n => n.Variant, StringComparer.Ordinal)
            .ToList();
}
