using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Telemetry;

/// <summary>Current frequency of each CPU from <c>{sysfs}/devices/system/cpu/cpuN/cpufreq/scaling_cur_freq</c> (kHz), published in MHz.</summary>
public sealed class CpuFrequencySource : ITelemetrySource
{
    private readonly IReadOnlyList<(string Cpu, string Path)> _cpus;
    private readonly string _root;

    public CpuFrequencySource(string sysfsRoot)
    {
        _root = Path.Combine(sysfsRoot, "devices", "system", "cpu");
        var cpus = new List<(string, string)>();
        try
        {
            foreach (var dir in Directory.EnumerateDirectories(_root, "cpu*"))
            {
                var name = Path.GetFileName(dir);
                if (name.Length > 3 && int.TryParse(name.AsSpan(3), out _)) cpus.Add((name, Path.Combine(dir, "cpufreq", "scaling_cur_freq")));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No cpu class (sandboxes): one unavailable reading says so.
        }
        _cpus = cpus.OrderBy(c => int.Parse(c.Item1.AsSpan(3))).ToList();
    }

    public void Read(List<TelemetryReading> readings)
    {
        if (_cpus.Count == 0)
        {
            readings.Add(TelemetryReading.Unavailable(TelemetryMetrics.CpuFrequency, null, TelemetryMetrics.UnitMegahertz, $"no cpuN under {_root}"));
            return;
        }
        foreach (var (cpu, path) in _cpus)
        {
            var khz = KernelFile.ReadInteger(path, out var problem);
            readings.Add(khz is null
                ? TelemetryReading.Unavailable(TelemetryMetrics.CpuFrequency, cpu, TelemetryMetrics.UnitMegahertz, problem!)
                : new TelemetryReading(TelemetryMetrics.CpuFrequency, cpu, khz.Value / 1000d, TelemetryMetrics.UnitMegahertz, SampleSource.Sysfs));
        }
    }
}
