namespace DeviceLab.Agent.Telemetry;

/// <summary>Something the sampler reads each tick (process memory, battery, thermal zones, CPU frequencies).</summary>
public interface ITelemetrySource
{
    /// <summary>Appends this tick's readings. Must not throw for unreadable files: those become unavailable readings.</summary>
    void Read(List<TelemetryReading> readings);
}
