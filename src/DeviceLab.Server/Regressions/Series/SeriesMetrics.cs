namespace DeviceLab.Server.Regressions.Series;

/// <summary>The metrics every nightly series is built for. Adding one here adds its series; no migration needed.</summary>
public static class SeriesMetrics
{
    public static readonly SeriesMetric DecodeTokensPerSecond = SeriesMetric.Summary("decode_tokens_per_second", "tokens/s");
    public static readonly SeriesMetric DecodeMsPerToken = SeriesMetric.Summary("decode_ms_per_token", "ms/token");
    public static readonly SeriesMetric PrefillTokensPerSecond = SeriesMetric.Summary("prefill_tokens_per_second", "tokens/s");
    public static readonly SeriesMetric TimeToFirstTokenMs = SeriesMetric.Summary("time_to_first_token_ms", "ms");
    public static readonly SeriesMetric PeakMemoryBytes = SeriesMetric.Single("peak_memory_bytes", "bytes", "l.peak_memory_bytes::double precision");

    /// <summary>Only energy figures the agent marked valid (not charging, counter fine enough) form the series.</summary>
    public static readonly SeriesMetric EnergyMjPerToken =
        SeriesMetric.Single("energy_mj_per_token", "mJ/token", "CASE WHEN l.energy_valid THEN l.energy_mj_per_token END");

    public static IReadOnlyList<SeriesMetric> All { get; } =
        [DecodeTokensPerSecond, DecodeMsPerToken, PrefillTokensPerSecond, TimeToFirstTokenMs, PeakMemoryBytes, EnergyMjPerToken];

    /// <summary>The metric called <paramref name="name"/>, or null.</summary>
    public static SeriesMetric? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
