using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.AgentProtocol;

/// <summary>
/// The final result of one variant over all measured repetitions (<c>type: result, scope: variant</c>).
/// Every figure is a summary with its spread: per-repetition figures summarised over repetitions,
/// per-token latencies summarised over every token of every repetition.
/// </summary>
public sealed record VariantResultEvent() : AgentEvent("result")
{
    public string Scope { get; init; } = ResultScopes.Variant;
    public required string Variant { get; init; }
    public required string Sha256 { get; init; }
    public required int Repetitions { get; init; }

    /// <summary>Decode tokens/s of each repetition.</summary>
    public required SampleSummary DecodeTokensPerSecond { get; init; }

    /// <summary>Every measured token's latency (repetitions × generated tokens values).</summary>
    public required SampleSummary DecodeMsPerToken { get; init; }
    public required SampleSummary PrefillTokensPerSecond { get; init; }
    public required SampleSummary TimeToFirstTokenMs { get; init; }

    /// <summary>Each repetition's peak resident memory, with only this variant loaded.</summary>
    public required SampleSummary PeakRssBytes { get; init; }

    /// <summary>How the peaks were measured (<see cref="PeakMemoryMethods"/>); null from agents that did not say.</summary>
    public string? PeakRssMethod { get; init; }

    /// <summary>Each repetition's time to open the variant and map its weights (outside the timed phases); null from older agents.</summary>
    public SampleSummary? LoadMs { get; init; }
    public PhaseEnergy<EnergySummary>? Energy { get; init; }

    /// <summary>Present when an evaluation text was given.</summary>
    public QualityResult? Quality { get; init; }

    public override AgentEventProblem? Validate() => base.Validate()
        ?? (string.IsNullOrEmpty(Variant) ? new AgentEventProblem("variant", "is required")
        : Repetitions < 1 ? new AgentEventProblem("repetitions", $"must be ≥ 1, was {Repetitions}")
        : DecodeTokensPerSecond.Count != Repetitions ? new AgentEventProblem("decode_tokens_per_second.count", $"is {DecodeTokensPerSecond.Count} but repetitions is {Repetitions}")
        : null);
}

/// <summary>Quality of a variant on the evaluation text; the comparison fields are null for the reference itself or when no reference was given.</summary>
/// <param name="Perplexity">Perplexity on the evaluation text.</param>
/// <param name="EvaluatedTokens">Tokens scored.</param>
/// <param name="ContextTokens">Window size used.</param>
/// <param name="ReferenceVariant">Label of the variant compared against.</param>
/// <param name="KlDivergence">Mean KL divergence of this variant's next-token distribution from the reference's.</param>
/// <param name="Top1Agreement">Fraction of positions where both pick the same most likely token.</param>
public sealed record QualityResult(
    double Perplexity, int EvaluatedTokens, int ContextTokens,
    string? ReferenceVariant, double? KlDivergence, double? Top1Agreement);
