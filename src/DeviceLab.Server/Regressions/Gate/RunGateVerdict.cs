using DeviceLab.Core.Regressions.Gate;

namespace DeviceLab.Server.Regressions.Gate;

/// <summary>
/// The per-run gate's verdict on one series for one run (table <c>run_gate_verdicts</c>), stored by the nightly
/// detection job so CI can ask <c>GET /api/v1/runs/{id}/gate</c> the same night. One row per (run, series); the
/// job overwrites it when it runs again.
/// </summary>
public sealed class RunGateVerdict
{
    public long RunId { get; set; }
    public long SuiteId { get; set; }
    public required string DeviceModel { get; set; }
    public long ModelId { get; set; }
    public long VariantId { get; set; }
    public required string Metric { get; set; }

    public DateOnly Night { get; set; }
    public GateVerdict Verdict { get; set; }

    /// <summary>The night's median, in the metric's unit.</summary>
    public double Value { get; set; }

    /// <summary>Null without enough baseline nights.</summary>
    public double? BaselineMean { get; set; }
    public int BaselineNights { get; set; }
    public double? RelativeChange { get; set; }
    public double? PValue { get; set; }

    /// <summary>One sentence for a CI log.</summary>
    public required string Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
