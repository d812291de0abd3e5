using DeviceLab.Server.Results;

namespace DeviceLab.Server.Regressions.Series;

/// <summary>
/// The metrics that form nightly series and are watched for regressions: speed, latency, memory and energy. Quality
/// (perplexity, KL divergence) and thermal figures are not watched yet. Adding one here adds its series; no migration.
/// </summary>
public static class SeriesMetrics
{
    private static readonly SeriesMetric DecodeTokensPerSecond = new(ResultMetric.DecodeTokensPerSecond);

    public static IReadOnlyList<SeriesMetric> All { get; } =
    [
        // Canonical for decode speed: the per-repetition rate moves with a slower kernel and with stalls alike.
        DecodeTokensPerSecond,
        // Its reciprocal (per-token median): charted, never a second regression for the same slow-down (ADR 0105).
        new(ResultMetric.DecodeMsPerToken) { MirrorOf = DecodeTokensPerSecond },
        new(ResultMetric.PrefillTokensPerSecond),
        new(ResultMetric.TimeToFirstTokenMs),
        new(ResultMetric.PeakMemoryBytes),
        new(ResultMetric.EnergyMjPerToken), // only figures the agent marked valid (not charging, counter fine enough)
    ];

    /// <summary>The metric called <paramref name="name"/>, or null.</summary>
    public static SeriesMetric? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>Names of the metrics that mirror <paramref name="name"/> (empty for most), for reports of its regressions.</summary>
    public static IReadOnlyList<string> MirrorsOf(string name) => All.Where(m => m.MirrorOf?.Name == name).Select(m => m.Name).ToArray();

    /// <summary>The metric whose regressions stand for <paramref name="name"/>: its canonical metric when it is a mirror,
    /// else itself (unknown names too), so asking for ms/token finds the tokens/s regression.</summary>
    public static string CanonicalName(string name) => Find(name)?.MirrorOf?.Name ?? name;
}
