using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Telemetry;

/// <summary>
/// Temperatures of <c>{sysfs}/class/thermal/thermal_zone*/temp</c> (millidegrees Celsius) named by their <c>type</c>.
/// Instances read "thermal_zone3:cpu-1-0".
/// </summary>
/// <remarks>Some vendor zones report whole degrees; a reading whose magnitude is below 1000 is taken as °C, since no
/// phone runs below 1 °C while benchmarking.</remarks>
public sealed class ThermalZoneSource : ITelemetrySource
{
    private readonly IReadOnlyList<(string Instance, string TempPath)> _zones;
    private readonly string _root;

    public ThermalZoneSource(string sysfsRoot)
    {
        _root = Path.Combine(sysfsRoot, "class", "thermal");
        var zones = new List<(string, string)>();
        try
        {
            foreach (var dir in Directory.EnumerateDirectories(_root, "thermal_zone*").OrderBy(ZoneNumber))
            {
                var type = KernelFile.ReadText(Path.Combine(dir, "type"), out _) ?? "unknown";
                zones.Add(($"{Path.GetFileName(dir)}:{type}", Path.Combine(dir, "temp")));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No thermal class: one unavailable reading says so.
        }
        _zones = zones;
    }

    public void Read(List<TelemetryReading> readings)
    {
        if (_zones.Count == 0)
        {
            readings.Add(TelemetryReading.Unavailable(TelemetryMetrics.ThermalZone, null, TelemetryMetrics.UnitCelsius, $"no thermal_zone* under {_root}"));
            return;
        }
        foreach (var (instance, path) in _zones)
        {
            var raw = KernelFile.ReadInteger(path, out var problem);
            readings.Add(raw is null
                ? TelemetryReading.Unavailable(TelemetryMetrics.ThermalZone, instance, TelemetryMetrics.UnitCelsius, problem!)
                : new TelemetryReading(TelemetryMetrics.ThermalZone, instance, Math.Abs(raw.Value) < 1000 ? raw.Value : raw.Value / 1000d,
                    TelemetryMetrics.UnitCelsius, SampleSource.Sysfs));
        }
    }

    private static int ZoneNumber(string dir) =>
        int.TryParse(Path.GetFileName(dir).AsSpan("thermal_zone".Length), out var n) ? n : int.MaxValue;
}
