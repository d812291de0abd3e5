using DeviceLab.Server.Results.PeakMemory;

namespace DeviceLab.Server.Results.Compare;

/// <summary>
/// One (device model, variant) of a comparison: the results of that variant on every device of that model in one
/// run, pooled. Keeps where it came from (run, devices, sha256) and whether any of it is virtual or simulated.
/// </summary>
public sealed record ComparisonRow(
    string DeviceModel,
    long VariantId,
    string ModelName,
    string QuantType,
    string? Sha256,
    long RunId,
    DateTimeOffset MeasuredAt,
    int Devices,
    int Results,
    bool IsVirtual,
    bool IsSimulated,
    bool IsPartial,
    IReadOnlyDictionary<string, PooledValue> Metrics)
{
    /// <summary>How the peak memory figures of the row were measured (mixed when its results disagree).</summary>
    public PeakMemoryMethod PeakMemoryMethod { get; init; } = PeakMemoryMethod.For(null);

    public PooledValue this[ResultMetricView metric] => Metrics.TryGetValue(metric.Key, out var value) ? value : PooledValue.None;

    /// <summary>"Pixel 7 · Q4_0".</summary>
    public string Label => $"{DeviceModel} · {QuantType}";
}
