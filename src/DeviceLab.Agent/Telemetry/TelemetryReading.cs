using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Telemetry;

/// <summary>One value read from one source; becomes a <see cref="SampleEvent"/>.</summary>
/// <param name="Metric">A name from <see cref="TelemetryMetrics"/>.</param>
/// <param name="Instance">Which battery / zone / CPU, when there are several.</param>
/// <param name="Value">The value in <paramref name="Unit"/>; null when unavailable.</param>
/// <param name="Unit">Unit of the value.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Text">Text value (battery status word).</param>
/// <param name="Note">Why it is unavailable (naming the file), or how it was derived.</param>
public readonly record struct TelemetryReading(
    string Metric, string? Instance, double? Value, string Unit, SampleSource Source, string? Text = null, string? Note = null)
{
    public bool IsAvailable => Source != SampleSource.Unavailable;

    public static TelemetryReading Unavailable(string metric, string? instance, string unit, string why) =>
        new(metric, instance, null, unit, SampleSource.Unavailable, Note: why);
}
