namespace DeviceLab.Server.Results;

/// <summary>Query-string filters shared by compare, series and exports (<c>?modelId=1&amp;deviceModel=Pixel%207&amp;from=2026-01-01</c>).</summary>
public sealed class ResultQueryParameters
{
    public long? ModelId { get; init; }
    public long? SuiteId { get; init; }
    public long? RunId { get; init; }

    /// <summary>Results created at or after this time (ISO 8601; UTC when no offset).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Results created before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Device models to include (repeat the parameter for several); none: all.</summary>
    public string[]? DeviceModel { get; init; }

    /// <summary>Variants to include (repeat the parameter for several); none: all.</summary>
    public long[]? VariantId { get; init; }

    /// <summary>Include results from DeviceLab virtual devices (default true; they are flagged either way).</summary>
    public bool? IncludeVirtual { get; init; }

    /// <summary>For series: the metric (<c>decode_ms_per_token</c> …, see <c>GET /api/v1/results/metrics</c>).</summary>
    public string? Metric { get; init; }

    /// <summary>For exports: <c>csv</c> or <c>json</c> (results also <c>llama-bench</c>).</summary>
    public string? Format { get; init; }

    public ResultFilter ToFilter() => new(ModelId, SuiteId, RunId, Utc(From), Utc(To), DeviceModel, VariantId, IncludeVirtual ?? true);

    private static DateTimeOffset? Utc(DateTimeOffset? time) => time?.ToUniversalTime();
}
