using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Server.Regressions.Detection;

/// <summary>
/// A suite's own detector thresholds (column <c>suites.detector_overrides</c>, jsonb), over the server's defaults.
/// Noisy suites (CV ≥ 5 %) should use <c>max_p_value</c> 1e-4 (docs/decisions/0070).
/// </summary>
/// <param name="MaxPValue">Replaces <see cref="ChangePointOptions.MaxPValue"/> when set.</param>
/// <param name="MinRelativeMagnitude">Replaces <see cref="ChangePointOptions.MinRelativeMagnitude"/> when set (0.05 = 5 %).</param>
public sealed record DetectorOverrides(double? MaxPValue = null, double? MinRelativeMagnitude = null)
{
    /// <summary>The options with these overrides applied.</summary>
    /// <exception cref="ArgumentException">An override is outside its range (the message names it).</exception>
    public ChangePointOptions ApplyTo(ChangePointOptions options) => (options with
    {
        MaxPValue = MaxPValue ?? options.MaxPValue,
        MinRelativeMagnitude = MinRelativeMagnitude ?? options.MinRelativeMagnitude,
    }).Validated();
}
