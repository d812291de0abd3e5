namespace DeviceLab.Server.Results;

/// <summary>
/// A metric of <see cref="BenchmarkResult"/> as queries and exports name it. A <see cref="IsSummary"/> metric is a
/// distribution per result (columns <c>&lt;column&gt;_count/_mean/_std_dev/_p50/_p90/_min/_max</c>); the others are one
/// number per result. <see cref="ValidOnly"/> names a boolean column that must be true for the value to count.
/// </summary>
/// <param name="Name">API and export name, e.g. <c>decode_ms_per_token</c>.</param>
/// <param name="Unit">Unit as <c>MetricUnits</c> knows it (<c>ms/token</c>, <c>tokens/s</c> …).</param>
/// <param name="Column">Column (or column prefix for summaries) in <c>results</c>.</param>
public sealed record ResultMetric(string Name, string Unit, string Column, bool IsSummary, string? ValidOnly = null)
{
    public static ResultMetric DecodeTokensPerSecond { get; } = new("decode_tokens_per_second", "tokens/s", "decode_tokens_per_second", true);
    public static ResultMetric DecodeMsPerToken { get; } = new("decode_ms_per_token", "ms/token", "decode_ms_per_token", true);
    public static ResultMetric PrefillTokensPerSecond { get; } = new("prefill_tokens_per_second", "tokens/s", "prefill_tokens_per_second", true);
    public static ResultMetric TimeToFirstTokenMs { get; } = new("time_to_first_token_ms", "ms", "time_to_first_token_ms", true);
    public static ResultMetric PeakMemoryBytes { get; } = new("peak_memory_bytes", "bytes", "peak_memory_bytes", false);
    public static ResultMetric EnergyMjPerToken { get; } = new("energy_mj_per_token", "mJ/token", "energy_mj_per_token", false, ValidOnly: "energy_valid");
    public static ResultMetric Perplexity { get; } = new("perplexity", "perplexity", "perplexity", false);
    public static ResultMetric KlDivergence { get; } = new("kl_divergence", "nats", "kl_divergence", false);
    public static ResultMetric Top1Agreement { get; } = new("top1_agreement", "share", "top1_agreement", false);
    public static ResultMetric ThermalMaxC { get; } = new("thermal_max_c", "°C", "thermal_max_c", false);
    public static ResultMetric ThrottledShare { get; } = new("throttled_share", "share", "throttled_share", false);

    /// <summary>Every metric, in the order tables and exports show them.</summary>
    public static IReadOnlyList<ResultMetric> All { get; } =
    [
        DecodeTokensPerSecond, DecodeMsPerToken, PrefillTokensPerSecond, TimeToFirstTokenMs, PeakMemoryBytes, EnergyMjPerToken,
        Perplexity, KlDivergence, Top1Agreement, ThermalMaxC, ThrottledShare,
    ];

    /// <summary>The metric named <paramref name="name"/>, or null.</summary>
    public static ResultMetric? Find(string? name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
