using System.Text.Json.Serialization;
using DeviceLab.Core.Regressions.Gate;

namespace DeviceLab.Core.Regressions.Reports;

/// <summary>
/// <c>GET /api/v1/runs/{id}/gate</c>: may CI ship what this run measured? It fails when a series the run measured
/// has an open, blocking regression (untriaged or acknowledged) or when the run's own night failed the per-run gate.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Suite">Its suite; null for an ad-hoc run.</param>
/// <param name="Night">The run's night.</param>
/// <param name="State">Whether there is a verdict yet.</param>
/// <param name="Passed">True only when <paramref name="State"/> is judged and nothing blocks.</param>
/// <param name="Reasons">One line per blocking regression or failing gate verdict, or why there is no verdict.</param>
/// <param name="OpenRegressions">Blocking regressions on the run's series.</param>
/// <param name="Verdicts">The per-run gate's verdict for each series the run measured.</param>
/// <param name="CheckedAt">When regression detection processed the run.</param>
public sealed record RunGateReport(
    long RunId,
    string? Suite,
    DateOnly? Night,
    GateState State,
    bool Passed,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<RegressionReport> OpenRegressions,
    IReadOnlyList<GateVerdictReport> Verdicts,
    DateTimeOffset? CheckedAt);

/// <summary>Whether a run's gate has a verdict.</summary>
[JsonConverter(typeof(SnakeCaseJsonEnum<GateState>))]
public enum GateState
{
    /// <summary>Detection processed the run: <see cref="RunGateReport.Passed"/> is the answer.</summary>
    Judged,

    /// <summary>The run has not finished, or detection has not processed it yet: ask again.</summary>
    Pending,

    /// <summary>Detection does not follow this run (an ad-hoc run, or a trigger not configured for regression detection).</summary>
    NotTracked,
}

/// <summary>The per-run gate's verdict on one series for one run.</summary>
/// <param name="DeviceModel">Device model of the series.</param>
/// <param name="Model">Model name.</param>
/// <param name="Variant">Variant.</param>
/// <param name="Metric">Metric.</param>
/// <param name="Unit">Unit of <paramref name="Value"/>.</param>
/// <param name="Verdict">pass, fail or not_enough_baseline.</param>
/// <param name="Night">The night judged.</param>
/// <param name="Value">The night's median.</param>
/// <param name="BaselineMean">Mean of the baseline nights (null without a baseline).</param>
/// <param name="BaselineNights">Nights in the baseline.</param>
/// <param name="RelativeChange">Value ÷ baseline mean − 1 (null without a baseline).</param>
/// <param name="PValue">p-value of the night against the baseline's prediction interval (null without a baseline).</param>
/// <param name="Reason">One sentence for a CI log.</param>
public sealed record GateVerdictReport(
    string DeviceModel,
    string Model,
    string Variant,
    string Metric,
    string Unit,
    GateVerdict Verdict,
    DateOnly Night,
    double Value,
    double? BaselineMean,
    int BaselineNights,
    double? RelativeChange,
    double? PValue,
    string Reason);
