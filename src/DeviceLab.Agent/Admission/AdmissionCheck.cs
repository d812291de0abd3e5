using System.Globalization;
using DeviceLab.Agent.Telemetry;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Admission;

/// <summary>What one telemetry tick says about the admission policy: unmet conditions, conditions that could not be checked, the readings.</summary>
public sealed record AdmissionCheck(IReadOnlyList<string> Unmet, IReadOnlyList<string> Unchecked, AdmissionConditions Conditions)
{
    // Zones that read below −40 °C or above 150 °C are not temperature sensors in any meaningful state (disabled, virtual).
    private const double PlausibleMinC = -40, PlausibleMaxC = 150;

    public static AdmissionCheck Evaluate(AdmissionSettings policy, TelemetrySnapshot snapshot)
    {
        var unmet = new List<string>();
        var notChecked = new List<string>();
        var batteryTemp = snapshot.Value(TelemetryMetrics.BatteryTemperature);
        var level = snapshot.Value(TelemetryMetrics.BatteryLevel);
        var chargingReading = snapshot.Find(TelemetryMetrics.BatteryCharging);
        bool? charging = chargingReading?.Value is { } c ? c > 0 : null;
        var zoneMax = HottestZone(policy, snapshot);

        if (policy.MaxBatteryTemperatureC is { } maxBattery)
        {
            if (batteryTemp is null) notChecked.Add("battery temperature (unavailable)");
            else if (batteryTemp > maxBattery) unmet.Add($"battery temperature {F(batteryTemp.Value)} °C > {F(maxBattery)} °C");
        }
        if (policy.MaxThermalZoneC is { } maxZone)
        {
            if (zoneMax is null) notChecked.Add($"thermal zones{ZoneFilter(policy)} (none readable)");
            else if (zoneMax.Value.C > maxZone) unmet.Add($"thermal zone {zoneMax.Value.Zone} {F(zoneMax.Value.C)} °C > {F(maxZone)} °C");
        }
        if (policy.MinBatteryPercent is not null || policy.MaxBatteryPercent is not null)
        {
            if (level is null) notChecked.Add("battery level (unavailable)");
            else if (level < policy.MinBatteryPercent) unmet.Add($"battery level {F(level.Value)} % < {F(policy.MinBatteryPercent!.Value)} %");
            else if (level > policy.MaxBatteryPercent) unmet.Add($"battery level {F(level.Value)} % > {F(policy.MaxBatteryPercent!.Value)} %");
        }
        if (policy.RequireNotCharging)
        {
            if (charging is null) notChecked.Add("charging state (unavailable)");
            else if (charging.Value) unmet.Add($"battery is charging (status {chargingReading!.Value.Text})");
        }
        var conditions = new AdmissionConditions(level, batteryTemp, zoneMax?.C, charging, chargingReading?.Text, snapshot.BatterySource);
        return new AdmissionCheck(unmet, notChecked, conditions);
    }

    private static (string Zone, double C)? HottestZone(AdmissionSettings policy, TelemetrySnapshot snapshot)
    {
        (string, double)? hottest = null;
        foreach (var r in snapshot.Readings)
        {
            if (r.Metric != TelemetryMetrics.ThermalZone || !r.IsAvailable || r.Value is not { } c) continue;
            if (c is < PlausibleMinC or > PlausibleMaxC) continue;
            var type = r.Instance is { } i && i.IndexOf(':') is var colon and >= 0 ? i[(colon + 1)..] : r.Instance ?? "";
            if (policy.ThermalZoneTypes.Count > 0 && !policy.ThermalZoneTypes.Any(t => type.StartsWith(t, StringComparison.OrdinalIgnoreCase))) continue;
            if (hottest is null || c > hottest.Value.Item2) hottest = (r.Instance ?? "?", c);
        }
        return hottest;
    }

    private static string ZoneFilter(AdmissionSettings policy) =>
        policy.ThermalZoneTypes.Count == 0 ? "" : $" of type {string.Join("/", policy.ThermalZoneTypes)}*";

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
