using DeviceLab.Core.Regressions;
using DeviceLab.Server.Models;
using DeviceLab.Server.Runs;
using DeviceLab.Server.Suites;

namespace DeviceLab.Server.Regressions;

/// <summary>
/// A change of level found in one series — (suite, device model, model, variant, metric) over nightly runs — with its
/// first bad night, size, confidence and triage. Regressions and improvements alike (<see cref="Direction"/>). Opened,
/// refreshed and closed by the nightly detection job (docs/decisions/0071, 0101); triaged by people.
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

    /// <summary>Metric of the series, e.g. <c>decode_ms_per_token</c> (see Series/SeriesMetrics).</summary>
    public required string Metric { get; set; }

    /// <summary>Unit of <see cref="MeanBefore"/> and <see cref="MeanAfter"/>, e.g. <c>ms/token</c>.</summary>
    public string Unit { get; set; } = "";

    /// <summary>A run of the first bad night.</summary>
    public long FirstBadRunId { get; set; }
    public Run FirstBadRun { get; set; } = null!;

    /// <summary>When the first bad run started.</summary>
    public DateTimeOffset FirstBadAt { get; set; }

    /// <summary>First night of the new level.</summary>
    public DateOnly FirstBadNight { get; set; }

    /// <summary>The night of the series before <see cref="FirstBadNight"/>.</summary>
    public DateOnly LastGoodNight { get; set; }

    /// <summary>First night of the restored level, once a later change brought it back.</summary>
    public DateOnly? RestoredNight { get; set; }

    /// <summary>Relative change of the series level, e.g. 0.10 for +10 %.</summary>
    public double Magnitude { get; set; }
    public double? MagnitudeCiLow { get; set; }
    public double? MagnitudeCiHigh { get; set; }
    public double? PValue { get; set; }

    /// <summary>Level before the change: mean of the nightly medians of the segment before it, in <see cref="Unit"/>.</summary>
    public double MeanBefore { get; set; }
    public double MeanAfter { get; set; }
    public double StdDevBefore { get; set; }
    public double StdDevAfter { get; set; }
    public int NightsBefore { get; set; }
    public int NightsAfter { get; set; }

    public RegressionDirection Direction { get; set; }
    public RegressionStatus Status { get; set; }
    public TriageState TriageState { get; set; }

    /// <summary>The latest triage note; the whole history is in <see cref="TriageEntry"/>.</summary>
    public string? TriageNotes { get; set; }
    public string? TriagedBy { get; set; }
    public DateTimeOffset? TriagedAt { get; set; }

    /// <summary>Devices whose results show the change.</summary>
    public List<long> AffectedDeviceIds { get; set; } = [];

    /// <summary>Variants of the same (suite, device model, model, metric) with the same change at about the same night.</summary>
    public List<long> AffectedVariantIds { get; set; } = [];

    /// <summary>Some nights of the series were measured on DeviceLab virtual devices.</summary>
    public bool MeasuredOnVirtualDevices { get; set; }

    /// <summary>The run whose detection opened it.</summary>
    public long? OpenedByRunId { get; set; }

    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}
