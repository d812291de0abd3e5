using DeviceLab.Core.Statistics;

namespace DeviceLab.Server.Results.Compare;

/// <summary>The columns of one result a comparison needs (a projection, so a year of results is never loaded whole).</summary>
public sealed record ResultSlice
{
    public required string DeviceModel { get; init; }
    public long DeviceId { get; init; }
    public long VariantId { get; init; }
    public required string ModelName { get; init; }
    public required string QuantType { get; init; }
    public string? Sha256 { get; init; }
    public long RunId { get; init; }
    public long RunJobId { get; init; }
    public int Attempt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public bool IsVirtual { get; init; }
    public bool IsSimulated { get; init; }
    public bool IsPartial { get; init; }
    public SampleSummary? DecodeTokensPerSecond { get; init; }
    public SampleSummary? DecodeMsPerToken { get; init; }
    public SampleSummary? PrefillTokensPerSecond { get; init; }
    public SampleSummary? TimeToFirstTokenMs { get; init; }
    public long? PeakMemoryBytes { get; init; }

    /// <summary>The agent's <c>peak_rss_method</c> from the result's context; null when it reported none.</summary>
    public string? PeakMemoryMethod { get; init; }

    /// <summary>The agent's telemetry interval, ms, from the result's context (how often the sampled peak looked).</summary>
    public int? TelemetryIntervalMs { get; init; }
    public double? EnergyMjPerToken { get; init; }
    public bool EnergyValid { get; init; }
    public string? EnergyMethod { get; init; }
    public double? Perplexity { get; init; }
    public double? KlDivergence { get; init; }
    public double? Top1Agreement { get; init; }
    public double? ThermalMaxC { get; init; }
    public double? ThrottledShare { get; init; }
}
