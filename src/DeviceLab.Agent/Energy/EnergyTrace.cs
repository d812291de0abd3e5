using DeviceLab.Agent.Telemetry;

namespace DeviceLab.Agent.Energy;

/// <summary>The battery readings of the run so far, in time order, for integrating energy over phases.</summary>
public sealed class EnergyTrace
{
    private readonly Lock _gate = new();
    private readonly List<BatteryPoint> _points = [];

    /// <summary>Subscribe to <see cref="TelemetrySampler.Sampled"/>.</summary>
    public void Add(TelemetrySnapshot snapshot) => Add(BatteryPoint.From(snapshot));

    public void Add(BatteryPoint point)
    {
        lock (_gate)
        {
            // Ticks can arrive from the sampling thread and a direct SampleNow() call; keep time order.
            var at = _points.Count;
            while (at > 0 && _points[at - 1].TMs > point.TMs) at--;
            _points.Insert(at, point);
        }
    }

    /// <summary>A copy of the points (safe to use while sampling goes on).</summary>
    public BatteryPoint[] ToArray()
    {
        lock (_gate) return [.. _points];
    }

    /// <summary>Forgets points older than the last one at or before <paramref name="tMs"/> (keeps one to bracket later phases).</summary>
    public void DropBefore(double tMs)
    {
        lock (_gate)
        {
            var keepFrom = _points.FindLastIndex(p => p.TMs <= tMs);
            if (keepFrom > 0) _points.RemoveRange(0, keepFrom);
        }
    }
}
