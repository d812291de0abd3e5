namespace DeviceLab.Server.Results.Compare;

/// <summary>
/// One metric of a compare row: the results behind the row taken together (<see cref="DeviceLab.Core.Statistics.PooledMoments"/>).
/// </summary>
/// <param name="Mean">Mean over every measurement (repetitions or tokens, or one value per device).</param>
/// <param name="StdDev">Sample standard deviation of the same measurements.</param>
/// <param name="Count">Measurements behind the mean.</param>
/// <param name="P50">Median, when known exactly (one result, or pooled from the token timings).</param>
/// <param name="P90">90th percentile, same rule.</param>
/// <param name="Invalid">Why the value cannot be trusted (energy measured while charging …); null when valid.</param>
/// <param name="Note">How the figure was obtained, for the tooltip and the CSV.</param>
public sealed record PooledValue(double? Mean, double? StdDev, int Count, double? P50 = null, double? P90 = null, string? Invalid = null, string? Note = null)
{
    public static PooledValue None { get; } = new(null, null, 0);

    public bool HasValue => Mean is not null;
}
