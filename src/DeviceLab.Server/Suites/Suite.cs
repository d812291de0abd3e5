using DeviceLab.Core.Suites;

namespace DeviceLab.Server.Suites;

/// <summary>
/// A benchmark matrix: variants × devices (by <see cref="DeviceSelector"/>) × <see cref="Parameters"/>, run on
/// demand or on a <see cref="Cron"/> schedule (nightly regression runs).
/// </summary>
public sealed class Suite
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Variants to run, interleaved on each device.</summary>
    public List<long> VariantIds { get; set; } = [];

    public DeviceSelector DeviceSelector { get; set; } = DeviceSelector.Everything;
    public SuiteParameters Parameters { get; set; } = SuiteParameters.Default;

    /// <summary>Cron expression (UTC) for scheduled runs; null for on-demand only.</summary>
    public string? Cron { get; set; }

    /// <summary>This suite's own regression-detector thresholds (e.g. a lower p-value for a noisy suite); null uses the server's.</summary>
    public Regressions.Detection.DetectorOverrides? DetectorOverrides { get; set; }

    /// <summary>A disabled suite keeps its history but is not scheduled.</summary>
    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
