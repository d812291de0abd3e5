namespace DeviceLab.Core.AgentProtocol;

/// <summary>Metric names and units used in <see cref="SampleEvent"/>s, so the server and dashboard share one vocabulary.</summary>
public static class TelemetryMetrics
{
    /// <summary>Resident set size (VmRSS), bytes.</summary>
    public const string MemoryResident = "memory.resident";
    /// <summary>Peak resident set size (VmHWM), bytes.</summary>
    public const string MemoryPeak = "memory.peak";
    /// <summary>Battery voltage, mV.</summary>
    public const string BatteryVoltage = "battery.voltage";
    /// <summary>Battery current as the device reports it (sign convention differs per device), mA.</summary>
    public const string BatteryCurrent = "battery.current";
    /// <summary>Current drawn from the battery (≥ 0 while discharging), mA. Derived from <see cref="BatteryCurrent"/> and the status.</summary>
    public const string BatteryDischargeCurrent = "battery.discharge_current";
    /// <summary>Remaining charge counter, mAh.</summary>
    public const string BatteryChargeCounter = "battery.charge_counter";
    /// <summary>Battery level, %.</summary>
    public const string BatteryLevel = "battery.level";
    /// <summary>Battery temperature, °C.</summary>
    public const string BatteryTemperature = "battery.temperature";
    /// <summary>1 while charging, 0 otherwise; the device's status word is in the sample's text.</summary>
    public const string BatteryCharging = "battery.charging";
    /// <summary>1 while a charger (USB, mains, wireless supply) is online, even when the battery says "Not charging"; the text lists them.</summary>
    public const string ExternalPower = "power.external";
    /// <summary>Thermal zone temperature, °C; the instance names the zone and its type.</summary>
    public const string ThermalZone = "thermal.zone";
    /// <summary>Current CPU frequency, MHz; the instance names the CPU.</summary>
    public const string CpuFrequency = "cpu.frequency";

    public const string UnitBytes = "bytes";
    public const string UnitMillivolts = "mV";
    public const string UnitMilliamps = "mA";
    public const string UnitMilliampHours = "mAh";
    public const string UnitPercent = "%";
    public const string UnitCelsius = "°C";
    public const string UnitMegahertz = "MHz";
    public const string UnitFlag = "flag";
}
