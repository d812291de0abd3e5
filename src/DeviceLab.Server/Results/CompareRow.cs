using DeviceLab.Core.Models;

namespace DeviceLab.Server.Results;

/// <summary>
/// One row of a comparison: every result of one variant on one device model, aggregated. <see cref="Metrics"/> is keyed by
/// <see cref="ResultMetric.Name"/> and holds only metrics that were measured. The flags say how far to trust the numbers:
/// virtual devices and simulated telemetry are labelled, results of jobs that ended early are flagged.
/// </summary>
/// <param name="DeviceModel">Device model (<c>devices.model</c>), <c>(unknown)</c> when the device did not report one.</param>
/// <param name="Results">Results in the group.</param>
/// <param name="Devices">Distinct devices behind them.</param>
/// <param name="PeakMemoryMethod">The agents' <c>peak_rss_method</c> for the group's peak memory figures (<c>hwm_reset</c>,
/// <c>rss_sampled_max</c> …; <c>mixed</c> when they differ), null when none was reported.</param>
/// <param name="EnergyInvalidResults">Results whose energy was measured but is not trustworthy (e.g. charging), left out of energy_mj_per_token.</param>
public sealed record CompareRow(
    string DeviceModel, long VariantId, long ModelId, string ModelName, QuantType QuantType, string? VariantSha256,
    int Results, int Devices, IReadOnlyDictionary<string, MetricAggregate> Metrics,
    bool AnyVirtual, bool AllVirtual, bool AnySimulated, bool AnyPartial, int EnergyInvalidResults,
    DateTimeOffset FirstResultAt, DateTimeOffset LastResultAt, string? PeakMemoryMethod = null);
