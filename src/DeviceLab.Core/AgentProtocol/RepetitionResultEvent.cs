using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.AgentProtocol;

/// <summary>Scope of a <c>result</c> event.</summary>
public static class ResultScopes
{
    public const string Repetition = "repetition";
    public const string Variant = "variant";
}

/// <summary>The measurements of one measured repetition of one variant (<c>type: result, scope: repetition</c>).</summary>
public sealed record RepetitionResultEvent() : AgentEvent("result")
{
    public string Scope { get; init; } = ResultScopes.Repetition;
    public required string Variant { get; init; }
    public required int Repetition { get; init; }
    public required int PromptTokens { get; init; }
    public required int GeneratedTokens { get; init; }
    public required double TimeToFirstTokenMs { get; init; }
    public required double PrefillMs { get; init; }
    public required double PrefillTokensPerSecond { get; init; }
    public required double DecodeTokensPerSecond { get; init; }

    /// <summary>Spread of this repetition's per-token decode latencies.</summary>
    public required SampleSummary DecodeMsPerToken { get; init; }

    /// <summary>Peak resident memory of the process during this repetition, with only this variant loaded; −1 when unknown.</summary>
    public required long PeakRssBytes { get; init; }

    /// <summary>How <see cref="PeakRssBytes"/> was measured (<see cref="PeakMemoryMethods"/>); null from agents that did not say.</summary>
    public string? PeakRssMethod { get; init; }

    /// <summary>Time to open the variant and map its weights before this repetition, outside the timed prefill and decode; null from older agents.</summary>
    public double? LoadMs { get; init; }
    public PhaseEnergy<EnergyEstimate>? Energy { get; init; }

    public override AgentEventProblem? Validate() => base.Validate()
        ?? (string.IsNullOrEmpty(Variant) ? new AgentEventProblem("variant", "is required")
        : Repetition < 0 ? new AgentEventProblem("repetition", $"must be ≥ 0, was {Repetition}")
        : GeneratedTokens < 1 ? new AgentEventProblem("generated_tokens", $"must be ≥ 1, was {GeneratedTokens}")
        : DecodeMsPerToken.Count != GeneratedTokens ? new AgentEventProblem("decode_ms_per_token.count", $"is {DecodeMsPerToken.Count} but generated_tokens is {GeneratedTokens}")
        : null);
}
