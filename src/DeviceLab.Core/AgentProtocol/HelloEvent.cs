namespace DeviceLab.Core.AgentProtocol;

/// <summary>First line of every run: who measures (device, agent and engine versions), with what parameters, on which variants.</summary>
public sealed record HelloEvent() : AgentEvent("hello")
{
    public required DeviceFingerprint Device { get; init; }
    public required string AgentVersion { get; init; }
    public required string EngineVersion { get; init; }

    /// <summary><c>adb</c> (stdout stream) or <c>network</c> (agent hub).</summary>
    public required string Mode { get; init; }

    /// <summary>SIMD path the engine chose on this device; null when no variant could be loaded.</summary>
    public string? KernelPath { get; init; }

    /// <summary>The benchmark parameters as the agent understood them.</summary>
    public BenchParameters? Parameters { get; init; }

    /// <summary>Variants verified and loaded, in interleaving order; empty when loading failed (an error follows).</summary>
    public IReadOnlyList<VariantDescriptor> Variants { get; init; } = [];

    /// <summary>Where telemetry comes from on this run (<c>procfs</c>, <c>sysfs</c>, <c>simulated</c>).</summary>
    public IReadOnlyList<SampleSource> TelemetrySources { get; init; } = [];

    public override AgentEventProblem? Validate() => base.Validate()
        ?? (Device is null ? new AgentEventProblem("device", "is required")
        : string.IsNullOrWhiteSpace(AgentVersion) ? new AgentEventProblem("agent_version", "is required")
        : string.IsNullOrWhiteSpace(EngineVersion) ? new AgentEventProblem("engine_version", "is required")
        : Device.Cores < 1 ? new AgentEventProblem("device.cores", $"must be ≥ 1, was {Device.Cores}")
        : null);
}
