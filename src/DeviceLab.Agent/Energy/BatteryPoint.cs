using DeviceLab.Agent.Telemetry;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Energy;

/// <summary>The battery readings of one telemetry tick that energy needs; null fields were unavailable.</summary>
public readonly record struct BatteryPoint(
    double TMs, double? VoltageMv, double? DischargeMa, double? ChargeCounterMah, bool? Charging, bool? ExternalPower, SampleSource Source)
{
    public static BatteryPoint From(TelemetrySnapshot snapshot)
    {
        var charging = snapshot.Find(TelemetryMetrics.BatteryCharging);
        var external = snapshot.Find(TelemetryMetrics.ExternalPower);
        return new BatteryPoint(snapshot.TMs,
            snapshot.Value(TelemetryMetrics.BatteryVoltage),
            snapshot.Value(TelemetryMetrics.BatteryDischargeCurrent),
            snapshot.Value(TelemetryMetrics.BatteryChargeCounter),
            charging?.Value is { } c ? c > 0 : null,
            external?.Value is { } x ? x > 0 : null,
            snapshot.BatterySource);
    }
}
