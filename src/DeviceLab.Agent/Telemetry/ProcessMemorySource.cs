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
        return ProcessStatus.FindBytes(status, key, _statusPath, out var missing) is { } bytes
            ? new TelemetryReading(metric, null, bytes, TelemetryMetrics.UnitBytes, SampleSource.Procfs)
            : TelemetryReading.Unavailable(metric, null, TelemetryMetrics.UnitBytes, missing!);
    }
}
