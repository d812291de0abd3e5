using DeviceLab.Server.Results;

namespace DeviceLab.Server.Regressions.Series;

/// <summary>
/// The metrics that form nightly series and are watched for regressions: speed, latency, memory and energy. Quality
/// (perplexity, KL divergence) and thermal figures are not watched yet. Adding one here adds its series; no migration.
/// </summary>
public static class SeriesMetrics
{
    public static IReadOnlyList<SeriesMetric> All { get; } =
    [
        new(ResultMetric.DecodeTokensPerSecond),
        new(ResultMetric.DecodeMsPerToken),
        new(ResultMetric.PrefillTokensPerSecond),
        new(ResultMetric.TimeToFirstTokenMs),
        new(ResultMetric.PeakMemoryBytes),
        new(ResultMetric.EnergyMjPerToken), // only figures the agent marked valid (not charging, counter fine enough)
    ];

    /// <summary>The metric called <paramref name="name"/>, or null.</summary>
    public static SeriesMetric? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
