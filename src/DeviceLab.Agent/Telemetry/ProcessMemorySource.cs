using System.Globalization;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Telemetry;

/// <summary>Resident (VmRSS) and peak resident (VmHWM) memory of the agent process from <c>{procfs}/self/status</c>.</summary>
public sealed class ProcessMemorySource(string procfsRoot) : ITelemetrySource
{
    private readonly string _statusPath = Path.Combine(procfsRoot, "self", "status");

    public void Read(List<TelemetryReading> readings)
    {
        var text = KernelFile.ReadText(_statusPath, out var problem);
        readings.Add(Field(text, "VmRSS:", TelemetryMetrics.MemoryResident, problem));
        readings.Add(Field(text, "VmHWM:", TelemetryMetrics.MemoryPeak, problem));
    }

    private TelemetryReading Field(string? status, string key, string metric, string? problem)
    {
        if (status is null) return TelemetryReading.Unavailable(metric, null, TelemetryMetrics.UnitBytes, problem!);
        foreach (var line in status.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
            // "VmRSS:\t  123456 kB": the kernel always reports these in kB (KiB).
            var rest = line[key.Length..].Trim();
            var space = rest.IndexOf(' ');
            var number = space < 0 ? rest : rest[..space];
            if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
                return new TelemetryReading(metric, null, kib * 1024d, TelemetryMetrics.UnitBytes, SampleSource.Procfs);
            return TelemetryReading.Unavailable(metric, null, TelemetryMetrics.UnitBytes, $"{_statusPath}: '{line.ToString()}' has no kB figure");
        }
        return TelemetryReading.Unavailable(metric, null, TelemetryMetrics.UnitBytes, $"{_statusPath} has no {key.TrimEnd(':')} line");
    }
}
