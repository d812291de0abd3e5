namespace DeviceLab.Core.Live;

/// <summary>Telemetry samples of one run job attempt, as they were stored (simulated values say so in <see cref="TelemetryPoint.Source"/>).</summary>
/// <param name="RunId">The run.</param>
/// <param name="RunJobId">The job.</param>
/// <param name="Attempt">The attempt.</param>
/// <param name="DeviceId">The device measured.</param>
/// <param name="Samples">The samples, in the order the agent sent them.</param>
/// <param name="ReceivedAt">When the server read the newest of them from the agent (UTC); latency = arrival − this.</param>
public sealed record TelemetryBatch(long RunId, long RunJobId, int Attempt, long DeviceId, IReadOnlyList<TelemetryPoint> Samples, DateTimeOffset ReceivedAt);

/// <summary>One sample.</summary>
/// <param name="OffsetMs">Milliseconds since the attempt's agent started (the device's monotonic clock).</param>
/// <param name="Metric">Metric, with the instance after a slash when there are several (<c>thermal.zone/thermal_zone0</c>).</param>
/// <param name="Value">The value in the metric's unit.</param>
/// <param name="Unit">The unit (<c>mV</c>, <c>°C</c>, <c>bytes</c> …).</param>
/// <param name="Source"><c>sysfs</c>, <c>procfs</c> or <c>simulated</c>.</param>
public sealed record TelemetryPoint(int OffsetMs, string Metric, double Value, string Unit, string Source);
