namespace DeviceLab.Server.Regressions.Series;

/// <summary>
/// One night of one series (table <c>nightly_points</c>): the night's results of a (suite, device model, model,
/// variant) pooled for one metric. Rebuilt from <c>results</c> by <see cref="NightlyPointAggregation"/>, never edited
/// by hand, so it can always be thrown away and recomputed.
/// </summary>
public sealed class NightlyPoint
{
    public long SuiteId { get; set; }
    public required string DeviceModel { get; set; }
    public long ModelId { get; set; }
    public long VariantId { get; set; }

    /// <summary>Metric name from <see cref="SeriesMetrics"/>, e.g. <c>decode_tokens_per_second</c>.</summary>
    public required string Metric { get; set; }

    /// <summary>The runs' start date in the configured night time zone (<see cref="RegressionOptions.NightTimeZone"/>).</summary>
    public DateOnly Night { get; set; }

    /// <summary>Median over the night's results (each result contributes its own median), in the metric's unit.</summary>
    public double Median { get; set; }

    /// <summary>Standard deviation of every measurement of the night pooled (within and between results).</summary>
    public double Spread { get; set; }

    /// <summary>Measurements behind the point: repetitions (tokens for ms/token; 1 per result for memory and energy).</summary>
    public long Count { get; set; }

    /// <summary>Results (device × run) behind the point.</summary>
    public int Results { get; set; }

    public List<long> RunIds { get; set; } = [];
    public List<long> DeviceIds { get; set; } = [];

    /// <summary>A result came from a DeviceLab virtual device.</summary>
    public bool AnyVirtual { get; set; }

    /// <summary>A result had simulated telemetry.</summary>
    public bool AnySimulated { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
