using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Telemetry.Simulated;

/// <summary>Battery and thermal readings from a <see cref="SimulatedPowerModel"/>, every one labelled <see cref="SampleSource.Simulated"/>.</summary>
public sealed class SimulatedPowerSource(SimulatedPowerModel model) : ITelemetrySource
{
    private const string Instance = "simulated-battery";
    private const string Note = "simulated model, not a measurement";

    public void Read(List<TelemetryReading> readings)
    {
        model.Advance();
        var current = model.CurrentMa;
        readings.Add(Simulated(TelemetryMetrics.BatteryVoltage, model.VoltageMv, TelemetryMetrics.UnitMillivolts));
        // Reported with Android's documented sign: negative while discharging.
        readings.Add(Simulated(TelemetryMetrics.BatteryCurrent, -current, TelemetryMetrics.UnitMilliamps));
        readings.Add(Simulated(TelemetryMetrics.BatteryDischargeCurrent, current, TelemetryMetrics.UnitMilliamps));
        readings.Add(Simulated(TelemetryMetrics.BatteryChargeCounter, model.ChargeMah, TelemetryMetrics.UnitMilliampHours));
        readings.Add(Simulated(TelemetryMetrics.BatteryLevel, Math.Round(model.LevelPercent), TelemetryMetrics.UnitPercent));
        readings.Add(Simulated(TelemetryMetrics.BatteryTemperature, model.BatteryTemperatureC, TelemetryMetrics.UnitCelsius));
        readings.Add(new TelemetryReading(TelemetryMetrics.BatteryCharging, Instance, 0, TelemetryMetrics.UnitFlag, SampleSource.Simulated, Text: "Discharging", Note: Note));
        readings.Add(new TelemetryReading(TelemetryMetrics.ExternalPower, null, 0, TelemetryMetrics.UnitFlag, SampleSource.Simulated, Note: Note));
        readings.Add(new TelemetryReading(TelemetryMetrics.ThermalZone, "simulated:soc", model.SocTemperatureC, TelemetryMetrics.UnitCelsius, SampleSource.Simulated, Note: Note));
    }

    private static TelemetryReading Simulated(string metric, double value, string unit) =>
        new(metric, Instance, value, unit, SampleSource.Simulated, Note: Note);
}
