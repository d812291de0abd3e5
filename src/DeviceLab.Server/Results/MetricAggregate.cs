namespace DeviceLab.Server.Results;

/// <summary>
/// One metric over a group of results (e.g. every Q4_0 result on Pixel 7s in a month), computed in PostgreSQL.
/// For a distribution metric (decode ms/token …): <see cref="N"/> measurements in <see cref="Results"/> results,
/// <see cref="Mean"/> weighted by measurement count, <see cref="StdDev"/> pooled over every measurement (exact, from each
/// result's count, mean and stddev), <see cref="P50"/> / <see cref="P90"/> the median over results of each result's own
/// p50 / p90 (exact for one result), <see cref="Min"/> / <see cref="Max"/> over all measurements. For a one-number metric
/// (peak memory, perplexity …): N = Results, and mean, stddev, p50, p90, min, max are over the results' values.
/// </summary>
public sealed record MetricAggregate(string Unit, long N, int Results, double? Mean, double? StdDev, double? P50, double? P90, double? Min, double? Max);
