using System.Text.Json;
using DeviceLab.Core.Statistics;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using DeviceLab.Server.Runs;

namespace DeviceLab.Server.Results;

/// <summary>
/// What one variant measured on one device in one run job attempt: every metric as a summary with its
/// spread over the repetitions, never a bare number, plus the context that makes it comparable.
/// Unique per (run job, attempt, variant): writing the same result twice is a no-op, not a duplicate.
/// </summary>
public sealed class BenchmarkResult
{
    public long Id { get; set; }

    public long RunJobId { get; set; }
    public RunJob RunJob { get; set; } = null!;
    public int Attempt { get; set; }

    public long VariantId { get; set; }
    public Variant Variant { get; set; } = null!;

    public long DeviceId { get; set; }
    public Device Device { get; set; } = null!;

    /// <summary>Decode speed per repetition, tokens/s.</summary>
    public SampleSummary? DecodeTokensPerSecond { get; set; }

    /// <summary>Per-token decode latency over all measured tokens, ms/token.</summary>
    public SampleSummary? DecodeMsPerToken { get; set; }

    /// <summary>Prompt processing speed per repetition, tokens/s.</summary>
    public SampleSummary? PrefillTokensPerSecond { get; set; }

    /// <summary>Time to first token per repetition, ms.</summary>
    public SampleSummary? TimeToFirstTokenMs { get; set; }

    public long? PeakMemoryBytes { get; set; }

    /// <summary>Energy of the measured phases, joules.</summary>
    public double? EnergyJ { get; set; }
    public double? EnergyMjPerToken { get; set; }

    /// <summary>How energy was measured, e.g. <c>voltage_current</c>, <c>charge_counter</c>.</summary>
    public string? EnergyMethod { get; set; }

    /// <summary>False when the figure cannot be trusted (charging, counter too coarse); shown greyed, never hidden.</summary>
    public bool EnergyValid { get; set; }

    /// <summary>Perplexity on the suite's evaluation text.</summary>
    public double? Perplexity { get; set; }

    /// <summary>Mean KL divergence of the next-token distribution against the reference variant, nats.</summary>
    public double? KlDivergence { get; set; }

    /// <summary>Share of positions (0–1) where the top token equals the reference variant's.</summary>
    public double? Top1Agreement { get; set; }

    /// <summary>Highest thermal reading during measurement, °C.</summary>
    public double? ThermalMaxC { get; set; }

    /// <summary>Share of measured time (0–1) the device reported thermal throttling.</summary>
    public double? ThrottledShare { get; set; }

    /// <summary>Total time spent waiting for admission (battery, temperature) before repetitions, ms.</summary>
    public double? AdmissionWaitMs { get; set; }

    /// <summary>Repetitions that started without admission after the policy's longest wait.</summary>
    public int AdmissionForcedCount { get; set; }

    /// <summary>Device fingerprint (model, OS build, ABI, agent and engine versions), variant sha256,
    /// parameters, admission record, thermal and battery state, as reported.</summary>
    public JsonElement? Context { get; set; }

    /// <summary>Some telemetry was simulated, not measured.</summary>
    public bool IsSimulated { get; set; }

    /// <summary>Measured on a DeviceLab virtual device.</summary>
    public bool IsVirtual { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
