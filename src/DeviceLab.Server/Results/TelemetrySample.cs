namespace DeviceLab.Server.Results;

/// <summary>
/// One telemetry reading during a run job attempt (memory, battery voltage / current, thermal zone, CPU
/// frequency …). Narrow on purpose: one metric per row, written in bulk (COPY), read by (job, attempt, time).
/// </summary>
public sealed class TelemetrySample
{
    public long RunJobId { get; set; }
    public int Attempt { get; set; }

    /// <summary>Time since the attempt's agent started, ms (the device's monotonic clock, not wall time).</summary>
    public int OffsetMs { get; set; }

    /// <summary>Metric name with its unit, e.g. <c>battery_voltage_mv</c>, <c>thermal_zone0_c</c>, <c>rss_bytes</c>.</summary>
    public required string Metric { get; set; }

    public double Value { get; set; }

    /// <summary>Where it came from: <c>sysfs</c>, <c>procfs</c>, <c>simulated</c> or <c>unavailable</c>. Simulated values never pass for real.</summary>
    public required string Source { get; set; }
}
