using DeviceLab.Server.Models;
using DeviceLab.Server.Runs;
using DeviceLab.Server.Suites;

namespace DeviceLab.Server.Regressions;

/// <summary>
/// A change point found in one series — (suite, device model, model, variant, metric) over nightly runs —
/// with its first bad night, size, confidence and triage.
/// </summary>
public sealed class Regression
{
    public long Id { get; set; }

    public long SuiteId { get; set; }
    public Suite Suite { get; set; } = null!;

    /// <summary>Device model of the series, as devices report it (e.g. <c>Pixel 7</c>).</summary>
    public required string DeviceModel { get; set; }

    public long ModelId { get; set; }
    public Model Model { get; set; } = null!;

    public long VariantId { get; set; }
    public Variant Variant { get; set; } = null!;

    /// <summary>Metric of the series, e.g. <c>decode_ms_per_token</c>.</summary>
    public required string Metric { get; set; }

    /// <summary>The first run after the change point.</summary>
    public long FirstBadRunId { get; set; }
    public Run FirstBadRun { get; set; } = null!;

    /// <summary>When the first bad run was created (the "night").</summary>
    public DateTimeOffset FirstBadAt { get; set; }

    /// <summary>Relative change of the series level, e.g. 0.10 for +10 %.</summary>
    public double Magnitude { get; set; }
    public double? MagnitudeCiLow { get; set; }
    public double? MagnitudeCiHigh { get; set; }
    public double? PValue { get; set; }

    public RegressionDirection Direction { get; set; }
    public RegressionStatus Status { get; set; }
    public TriageState TriageState { get; set; }
    public string? TriageNotes { get; set; }

    /// <summary>Devices whose results show the change.</summary>
    public List<long> AffectedDeviceIds { get; set; } = [];

    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}
