using System.Text.Json.Serialization;

namespace DeviceLab.Core.AgentProtocol;

/// <summary>Where a telemetry value came from. Simulated values are never shown as measured ones.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SampleSource>))]
public enum SampleSource
{
    [JsonStringEnumMemberName("sysfs")] Sysfs,
    [JsonStringEnumMemberName("procfs")] Procfs,
    [JsonStringEnumMemberName("simulated")] Simulated,
    [JsonStringEnumMemberName("unavailable")] Unavailable,
}

/// <summary>
/// One telemetry reading. <see cref="Value"/> is null when the source is <see cref="SampleSource.Unavailable"/>
/// (then <see cref="Note"/> says why). Metric names and units are listed in <see cref="TelemetryMetrics"/>.
/// </summary>
public sealed record SampleEvent() : AgentEvent("sample")
{
    public required string Metric { get; init; }

    /// <summary>Which instance of the metric (thermal zone, CPU, power supply), when there are several.</summary>
    public string? Instance { get; init; }
    public double? Value { get; init; }
    public required string Unit { get; init; }
    public required SampleSource Source { get; init; }

    /// <summary>Text value where the metric has one (battery status as the device names it).</summary>
    public string? Text { get; init; }

    /// <summary>Why a value is unavailable, or how it was derived.</summary>
    public string? Note { get; init; }

    public override AgentEventProblem? Validate() => base.Validate()
        ?? (string.IsNullOrWhiteSpace(Metric) ? new AgentEventProblem("metric", "is required")
        : Value is { } v && !double.IsFinite(v) ? new AgentEventProblem("value", $"must be finite, was {v}")
        : Source != SampleSource.Unavailable && Value is null && Text is null ? new AgentEventProblem("value", $"is required for a {Source} sample")
        : null);
}
