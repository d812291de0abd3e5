using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Telemetry;

/// <summary>
/// The battery and external supplies under <c>{sysfs}/class/power_supply</c>, with Android's units:
/// <c>voltage_now</c> µV, <c>current_now</c> µA, <c>charge_counter</c> µAh, <c>capacity</c> %, <c>temp</c> tenths of °C,
/// <c>status</c> a word ("Charging", "Discharging", "Not charging", "Full").
/// </summary>
/// <remarks>
/// The sign of <c>current_now</c> differs per device (Android documents negative = discharging; many devices report
/// the opposite), so the raw value is published as <see cref="TelemetryMetrics.BatteryCurrent"/> and the draw used for
/// energy, <see cref="TelemetryMetrics.BatteryDischargeCurrent"/>, is its magnitude while the status says the battery
/// is not charging. While charging the net current says nothing about the device's consumption, so no draw is derived.
/// </remarks>
public sealed class PowerSupplySource : ITelemetrySource
{
    private static readonly string[] ExternalTypes = ["USB", "Mains", "Wireless", "USB_C", "USB_PD", "USB_DCP", "USB_CDP", "USB_ACA"];
    private readonly string _root;
    private readonly string? _battery;
    private readonly string? _batteryName;
    private readonly IReadOnlyList<(string Name, string Dir)> _externalSupplies;

    public PowerSupplySource(string sysfsRoot)
    {
        _root = Path.Combine(sysfsRoot, "class", "power_supply");
        var supplies = new List<(string Name, string Dir, string? Type)>();
        try
        {
            foreach (var dir in Directory.EnumerateDirectories(_root).Order(StringComparer.Ordinal))
            {
                supplies.Add((Path.GetFileName(dir), dir, KernelFile.ReadText(Path.Combine(dir, "type"), out _)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No power_supply class (desktops, sandboxes): every battery reading is unavailable, said once per metric.
        }
        var batteries = supplies.Where(s => string.Equals(s.Type, "Battery", StringComparison.OrdinalIgnoreCase)).ToList();
        var battery = batteries.FirstOrDefault(s => s.Name == "battery");
        if (battery.Dir is null && batteries.Count > 0) battery = batteries[0];
        _battery = battery.Dir;
        _batteryName = battery.Name;
        _externalSupplies = supplies.Where(s => ExternalTypes.Contains(s.Type, StringComparer.OrdinalIgnoreCase))
            .Select(s => (s.Name, s.Dir)).ToList();
    }

    /// <summary>True when a battery supply was found.</summary>
    public bool HasBattery => _battery is not null;

    public void Read(List<TelemetryReading> readings)
    {
        if (_battery is null)
        {
            var why = $"no power supply of type Battery under {_root}";
            foreach (var (metric, unit) in BatteryMetrics) readings.Add(TelemetryReading.Unavailable(metric, null, unit, why));
            return;
        }
        var voltage = Scaled("voltage_now", TelemetryMetrics.BatteryVoltage, TelemetryMetrics.UnitMillivolts, 1e-3);
        var current = Scaled("current_now", TelemetryMetrics.BatteryCurrent, TelemetryMetrics.UnitMilliamps, 1e-3);
        readings.Add(voltage);
        readings.Add(current);
        readings.Add(Scaled("charge_counter", TelemetryMetrics.BatteryChargeCounter, TelemetryMetrics.UnitMilliampHours, 1e-3));
        readings.Add(Scaled("capacity", TelemetryMetrics.BatteryLevel, TelemetryMetrics.UnitPercent, 1));
        readings.Add(Scaled("temp", TelemetryMetrics.BatteryTemperature, TelemetryMetrics.UnitCelsius, 0.1));

        var statusPath = Path.Combine(_battery, "status");
        var status = KernelFile.ReadText(statusPath, out var statusProblem);
        var charging = status is null ? (bool?)null : BatteryStatus.IsCharging(status);
        readings.Add(status is null
            ? TelemetryReading.Unavailable(TelemetryMetrics.BatteryCharging, _batteryName, TelemetryMetrics.UnitFlag, statusProblem!)
            : new TelemetryReading(TelemetryMetrics.BatteryCharging, _batteryName, charging == true ? 1 : 0, TelemetryMetrics.UnitFlag, SampleSource.Sysfs, Text: status));

        readings.Add(DischargeCurrent(current, charging, status));
        readings.Add(ExternalPower());
    }

    private TelemetryReading Scaled(string file, string metric, string unit, double scale)
    {
        var path = Path.Combine(_battery!, file);
        var raw = KernelFile.ReadInteger(path, out var problem);
        return raw is null
            ? TelemetryReading.Unavailable(metric, _batteryName, unit, problem!)
            : new TelemetryReading(metric, _batteryName, raw.Value * scale, unit, SampleSource.Sysfs);
    }

    private TelemetryReading DischargeCurrent(TelemetryReading current, bool? charging, string? status)
    {
        const string metric = TelemetryMetrics.BatteryDischargeCurrent;
        if (!current.IsAvailable) return TelemetryReading.Unavailable(metric, _batteryName, TelemetryMetrics.UnitMilliamps, current.Note!);
        if (charging is null) return TelemetryReading.Unavailable(metric, _batteryName, TelemetryMetrics.UnitMilliamps, "battery status unknown");
        if (charging.Value) return TelemetryReading.Unavailable(metric, _batteryName, TelemetryMetrics.UnitMilliamps, $"battery is {status}: the net current is not the device's draw");
        return new TelemetryReading(metric, _batteryName, Math.Abs(current.Value!.Value), TelemetryMetrics.UnitMilliamps, SampleSource.Sysfs,
            Note: "magnitude of current_now (sign conventions differ per device)");
    }

    private TelemetryReading ExternalPower()
    {
        var online = new List<string>();
        foreach (var (name, dir) in _externalSupplies)
        {
            if (KernelFile.ReadInteger(Path.Combine(dir, "online"), out _) is > 0) online.Add(name);
        }
        return new TelemetryReading(TelemetryMetrics.ExternalPower, null, online.Count > 0 ? 1 : 0, TelemetryMetrics.UnitFlag, SampleSource.Sysfs,
            Text: online.Count > 0 ? string.Join(",", online) : null);
    }

    private static readonly (string Metric, string Unit)[] BatteryMetrics =
    [
        (TelemetryMetrics.BatteryVoltage, TelemetryMetrics.UnitMillivolts),
        (TelemetryMetrics.BatteryCurrent, TelemetryMetrics.UnitMilliamps),
        (TelemetryMetrics.BatteryChargeCounter, TelemetryMetrics.UnitMilliampHours),
        (TelemetryMetrics.BatteryLevel, TelemetryMetrics.UnitPercent),
        (TelemetryMetrics.BatteryTemperature, TelemetryMetrics.UnitCelsius),
        (TelemetryMetrics.BatteryCharging, TelemetryMetrics.UnitFlag),
        (TelemetryMetrics.BatteryDischargeCurrent, TelemetryMetrics.UnitMilliamps),
    ];
}
