using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Benchmark;

/// <summary>Everything one benchmark run needs, validated: from the <c>bench</c> command line or a hub job.</summary>
/// <param name="Variants">Variant files, run interleaved in this order.</param>
/// <param name="Parameters">The benchmark parameters (reported in hello).</param>
/// <param name="Telemetry">Where and how often telemetry is read.</param>
/// <param name="EvaluationTextPath">UTF-8 text for perplexity; null skips quality.</param>
/// <param name="ReferencePath">Reference variant for KL divergence / top-1 (may be one of the variants).</param>
/// <param name="DeclaredVirtual">The caller says this is a virtual device.</param>
/// <param name="Mode"><c>adb</c> or <c>network</c>, reported in hello.</param>
public sealed record BenchRequest(
    IReadOnlyList<VariantFile> Variants, BenchParameters Parameters, TelemetryOptions Telemetry,
    string? EvaluationTextPath = null, string? ReferencePath = null, bool DeclaredVirtual = false, string Mode = "adb");

/// <summary>Telemetry roots (so tests can point them at a prepared tree) and the simulated source for virtual devices.</summary>
public sealed record TelemetryOptions(string SysfsRoot = "/sys", string ProcfsRoot = "/proc", bool SimulatedPower = false, int IntervalMs = 250);
