using DeviceLab.Agent.Benchmark;
using DeviceLab.Agent.Energy;
using DeviceLab.Agent.Output;
using DeviceLab.Agent.Telemetry.Simulated;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Telemetry;

/// <summary>
/// The telemetry of one run: the sources chosen from the options (real sysfs / procfs, or the simulated battery
/// and SoC on virtual devices), the sampler that reads them and the battery trace energy is computed from.
/// </summary>
public sealed class TelemetryRig : IDisposable
{
    private TelemetryRig(TelemetrySampler sampler, EnergyTrace trace, SimulatedPowerModel? simulated, IReadOnlyList<SampleSource> sources)
    {
        Sampler = sampler;
        Trace = trace;
        Simulated = simulated;
        Sources = sources;
    }

    public TelemetrySampler Sampler { get; }
    public EnergyTrace Trace { get; }

    /// <summary>The simulated model when the run uses one (its load follows the benchmark's phases).</summary>
    public SimulatedPowerModel? Simulated { get; }

    /// <summary>Kinds of source this run reads (reported in hello).</summary>
    public IReadOnlyList<SampleSource> Sources { get; }

    public static TelemetryRig Create(TelemetryOptions options, AgentEventStream events)
    {
        var sources = new List<ITelemetrySource> { new ProcessMemorySource(options.ProcfsRoot) };
        var kinds = new List<SampleSource> { SampleSource.Procfs };
        SimulatedPowerModel? simulated = null;
        if (options.SimulatedPower)
        {
            simulated = new SimulatedPowerModel(events.Clock.Time);
            sources.Add(new SimulatedPowerSource(simulated));
            kinds.Add(SampleSource.Simulated);
        }
        else
        {
            sources.Add(new PowerSupplySource(options.SysfsRoot));
            sources.Add(new ThermalZoneSource(options.SysfsRoot));
        }
        sources.Add(new CpuFrequencySource(options.SysfsRoot));
        kinds.Add(SampleSource.Sysfs);
        var sampler = new TelemetrySampler(sources, events, TimeSpan.FromMilliseconds(options.IntervalMs));
        var trace = new EnergyTrace();
        sampler.Sampled += trace.Add;
        return new TelemetryRig(sampler, trace, simulated, kinds);
    }

    public void Dispose() => Sampler.Dispose();
}
