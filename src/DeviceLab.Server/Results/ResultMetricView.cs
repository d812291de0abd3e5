using DeviceLab.Core.Regressions;
using DeviceLab.Server.Components.Formatting;

namespace DeviceLab.Server.Results;

/// <summary>
/// A metric of a <see cref="BenchmarkResult"/> as the dashboard and its exports show it. <see cref="Key"/> is the
/// result's column name (snake case), the same name regressions use for a series' metric.
/// </summary>
/// <param name="Key">Column / series name, e.g. <c>decode_ms_per_token</c>.</param>
/// <param name="Label">For people, e.g. "decode latency".</param>
/// <param name="Unit">A <see cref="Units"/> value.</param>
/// <param name="Better">Which way is better.</param>
/// <param name="HasPercentiles">Stored as a SampleSummary (p50 / p90 available).</param>
public sealed record ResultMetricView(string Key, string Label, string Unit, MetricDirection Better, bool HasPercentiles = false)
{
    public static ResultMetricView DecodeTokensPerSecond { get; } = new("decode_tokens_per_second", "decode speed", Units.TokensPerSecond, MetricDirection.HigherIsBetter, true);
    public static ResultMetricView DecodeMsPerToken { get; } = new("decode_ms_per_token", "decode latency", Units.MsPerToken, MetricDirection.LowerIsBetter, true);
    public static ResultMetricView PrefillTokensPerSecond { get; } = new("prefill_tokens_per_second", "prefill speed", Units.TokensPerSecond, MetricDirection.HigherIsBetter, true);
    public static ResultMetricView TimeToFirstTokenMs { get; } = new("time_to_first_token_ms", "time to first token", Units.Ms, MetricDirection.LowerIsBetter, true);
    public static ResultMetricView PeakMemoryBytes { get; } = new("peak_memory_bytes", "peak memory", Units.Bytes, MetricDirection.LowerIsBetter);
    public static ResultMetricView EnergyMjPerToken { get; } = new("energy_mj_per_token", "energy", Units.MjPerToken, MetricDirection.LowerIsBetter);
    public static ResultMetricView Perplexity { get; } = new("perplexity", "perplexity", Units.None, MetricDirection.LowerIsBetter);
    public static ResultMetricView KlDivergence { get; } = new("kl_divergence", "KL divergence vs reference", Units.Nats, MetricDirection.LowerIsBetter);
    public static ResultMetricView Top1Agreement { get; } = new("top1_agreement", "top-1 agreement vs reference", Units.Share, MetricDirection.HigherIsBetter);
    public static ResultMetricView ThermalMaxC { get; } = new("thermal_max_c", "thermal max", Units.Celsius, MetricDirection.LowerIsBetter);
    public static ResultMetricView ThrottledShare { get; } = new("throttled_share", "throttled share", Units.Share, MetricDirection.LowerIsBetter);

    /// <summary>Every metric, in the order tables show them.</summary>
    public static IReadOnlyList<ResultMetricView> All { get; } =
    [
        DecodeTokensPerSecond, DecodeMsPerToken, PrefillTokensPerSecond, TimeToFirstTokenMs, PeakMemoryBytes,
        EnergyMjPerToken, Perplexity, KlDivergence, Top1Agreement, ThermalMaxC, ThrottledShare,
    ];

    public static ResultMetricView? Find(string? key) => All.FirstOrDefault(m => m.Key == key);

    /// <summary>"decode speed (tokens/s)": an axis title.</summary>
    public string Title => Unit is Units.None ? Label : $"{Label} ({(Unit == Units.Share ? Units.Percent : Unit == Units.Bytes ? Units.MiB : Unit)})";

    /// <summary>The value as a chart plots it: bytes in MiB, shares in percent, so axes match <see cref="Title"/>.</summary>
    public double ToAxis(double value) => Unit switch
    {
        Units.Bytes => value / (1 << 20),
        Units.Share => value * 100,
        _ => value,
    };
}
