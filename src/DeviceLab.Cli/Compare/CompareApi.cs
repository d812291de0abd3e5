using DeviceLab.Cli.Api;
using DeviceLab.Core.Models;

namespace DeviceLab.Cli.Compare;

/// <summary>One (device model, variant) of a comparison (the server's CompareRow); <see cref="Metrics"/> by metric name.</summary>
/// <param name="Engine">The engine that measured it, when the server splits rows by engine; null means DeviceLab's.</param>
public sealed record CompareRowInfo(
    string DeviceModel, long VariantId, long ModelId, string ModelName, QuantType QuantType, string? VariantSha256,
    int Results, int Devices, IReadOnlyDictionary<string, MetricAggregateInfo> Metrics,
    bool AnyVirtual, bool AllVirtual, bool AnySimulated, bool AnyPartial, int EnergyInvalidResults,
    DateTimeOffset FirstResultAt, DateTimeOffset LastResultAt, string? Engine = null);

/// <summary>One metric over a row's results: n measurements, mean, pooled stddev, p50, p90, min, max, in <see cref="Unit"/>.</summary>
public sealed record MetricAggregateInfo(string Unit, long N, int Results, double? Mean, double? StdDev, double? P50, double? P90, double? Min, double? Max);

/// <summary>What to compare; empty lists mean "all".</summary>
public sealed record CompareFilter(
    long ModelId, IReadOnlyList<long> VariantIds, IReadOnlyList<string> DeviceModels, long? RunId = null, long? SuiteId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, bool IncludeVirtual = true)
{
    /// <summary>The query string of <c>/api/v1/results/compare</c> and <c>/api/v1/exports/compare</c>.</summary>
    public string Query()
    {
        var parts = new List<string> { $"modelId={ModelId}" };
        parts.AddRange(VariantIds.Select(v => $"variantId={v}"));
        parts.AddRange(DeviceModels.Select(m => $"deviceModel={Uri.EscapeDataString(m)}"));
        if (RunId is { } run) parts.Add($"runId={run}");
        if (SuiteId is { } suite) parts.Add($"suiteId={suite}");
        if (From is { } from) parts.Add($"from={Uri.EscapeDataString(from.ToUniversalTime().ToString("O"))}");
        if (To is { } to) parts.Add($"to={Uri.EscapeDataString(to.ToUniversalTime().ToString("O"))}");
        if (!IncludeVirtual) parts.Add("includeVirtual=false");
        return string.Join('&', parts);
    }
}

/// <summary>The compare call of the DeviceLab API.</summary>
public static class CompareApi
{
    public static Task<List<CompareRowInfo>> CompareAsync(this ApiClient client, CompareFilter filter, CancellationToken cancellationToken) =>
        client.GetAsync<List<CompareRowInfo>>($"api/v1/results/compare?{filter.Query()}", cancellationToken);
}
