namespace DeviceLab.Core.Regressions;

/// <summary>
/// The direction of a metric from its unit, so a series need not be told by hand that ms/token
/// must go down and tokens/s must go up. An unknown unit is refused rather than guessed.
/// </summary>
public static class MetricUnits
{
    private static readonly Dictionary<string, MetricDirection> Directions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ms"] = MetricDirection.LowerIsBetter,
        ["ms/token"] = MetricDirection.LowerIsBetter,
        ["s"] = MetricDirection.LowerIsBetter,
        ["bytes"] = MetricDirection.LowerIsBetter,
        ["MiB"] = MetricDirection.LowerIsBetter,
        ["J"] = MetricDirection.LowerIsBetter,
        ["mJ/token"] = MetricDirection.LowerIsBetter,
        ["°C"] = MetricDirection.LowerIsBetter,
        ["perplexity"] = MetricDirection.LowerIsBetter,
        ["nats"] = MetricDirection.LowerIsBetter, // KL divergence
        ["tokens/s"] = MetricDirection.HigherIsBetter,
        ["%"] = MetricDirection.HigherIsBetter,   // top-1 agreement with the reference variant
    };

    /// <summary>The direction for <paramref name="unit"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The unit is not one DeviceLab records.</exception>
    public static MetricDirection DirectionOf(string unit)
    {
        if (Directions.TryGetValue(unit?.Trim() ?? "", out var direction)) return direction;
        throw new ArgumentException(
            $"Unknown metric unit '{unit}': cannot tell whether lower or higher is better. Known units: {string.Join(", ", Directions.Keys)}.",
            nameof(unit));
    }
}
