using System.Text.Json.Serialization;

namespace DeviceLab.Core.AgentProtocol;

/// <summary>
/// What one benchmark run measures: the same parameters for <c>devicelab-agent bench</c> (ADB mode) and for a
/// job received over the agent hub (network mode).
/// </summary>
public sealed record BenchParameters
{
    public required int PromptTokens { get; init; }
    public required int GeneratedTokens { get; init; }
    public required int Repetitions { get; init; }
    public int Warmups { get; init; } = 1;
    public int Threads { get; init; } = 1;
    public int Seed { get; init; } = 42;

    /// <summary>KV cache context; null lets the engine pick (prompt + generated tokens at least).</summary>
    public int? ContextLength { get; init; }

    /// <summary><c>f16</c> or <c>f32</c>; null for the engine's default.</summary>
    public string? KvCacheType { get; init; }
    public int? PrefillChunkTokens { get; init; }
    public int TelemetryIntervalMs { get; init; } = 250;

    /// <summary>Use the simulated battery / thermal model (virtual devices); its samples are labelled simulated.</summary>
    public bool SimulatedPower { get; init; }
    public AdmissionSettings Admission { get; init; } = new();

    /// <summary>Label of the reference variant for KL divergence / top-1 agreement (network mode; ADB mode names a file).</summary>
    public string? ReferenceVariant { get; init; }

    /// <summary>Window size for the perplexity evaluation.</summary>
    public int EvaluationContextTokens { get; init; } = 128;
}

/// <summary>
/// The admission / cool-down policy applied before each measured repetition. A null threshold is not checked.
/// </summary>
public sealed record AdmissionSettings
{
    public double? MaxBatteryTemperatureC { get; init; }

    /// <summary>Highest allowed thermal-zone temperature over the zones selected by <see cref="ThermalZoneTypes"/>.</summary>
    public double? MaxThermalZoneC { get; init; }

    /// <summary>Zone type prefixes to watch (e.g. <c>cpu</c>, <c>soc</c>); empty means every zone.</summary>
    public IReadOnlyList<string> ThermalZoneTypes { get; init; } = [];
    public double? MinBatteryPercent { get; init; }
    public double? MaxBatteryPercent { get; init; }

    /// <summary>Refuse to measure while the battery is charging (status "Charging"); "Not charging" / "Full" pass.</summary>
    public bool RequireNotCharging { get; init; }
    public int TimeoutMs { get; init; } = 300_000;
    public int PollIntervalMs { get; init; } = 1_000;

    /// <summary>What to do when the wait runs out: <c>fail</c> (exit 3) or <c>force</c> (run, recorded as forced).</summary>
    public string OnTimeout { get; init; } = AdmissionTimeoutActions.Fail;

    /// <summary>True when no condition is set.</summary>
    [JsonIgnore]
    public bool IsEmpty => MaxBatteryTemperatureC is null && MaxThermalZoneC is null && MinBatteryPercent is null
        && MaxBatteryPercent is null && !RequireNotCharging;
}

/// <summary>Values of <see cref="AdmissionSettings.OnTimeout"/>.</summary>
public static class AdmissionTimeoutActions
{
    public const string Fail = "fail";
    public const string Force = "force";
}
