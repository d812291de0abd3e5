using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Telemetry;

/// <summary>Every reading of one sampling tick, at <see cref="TMs"/> on the agent clock.</summary>
public sealed record TelemetrySnapshot(double TMs, IReadOnlyList<TelemetryReading> Readings)
{
    /// <summary>The first available reading of <paramref name="metric"/>, if any.</summary>
    public TelemetryReading? Find(string metric)
    {
        foreach (var r in Readings)
        {
            if (r.Metric == metric && r.IsAvailable) return r;
        }
        return null;
    }

    public double? Value(string metric) => Find(metric)?.Value;

    /// <summary>Where the battery readings of this tick came from (sysfs, simulated, or unavailable).</summary>
    public SampleSource BatterySource => Find(TelemetryMetrics.BatteryLevel)?.Source
        ?? Find(TelemetryMetrics.BatteryVoltage)?.Source ?? SampleSource.Unavailable;
}
