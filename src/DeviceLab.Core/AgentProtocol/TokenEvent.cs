namespace DeviceLab.Core.AgentProtocol;

/// <summary>The latency of one decoded token of a measured repetition (warm-ups emit no token events).</summary>
public sealed record TokenEvent() : AgentEvent("token")
{
    public required string Variant { get; init; }
    public required int Repetition { get; init; }

    /// <summary>0-based position among the repetition's generated tokens.</summary>
    public required int Index { get; init; }
    public int? TokenId { get; init; }
    public required double Ms { get; init; }

    public override AgentEventProblem? Validate() => base.Validate()
        ?? (string.IsNullOrEmpty(Variant) ? new AgentEventProblem("variant", "is required")
        : Repetition < 0 ? new AgentEventProblem("repetition", $"must be ≥ 0, was {Repetition}")
        : Index < 0 ? new AgentEventProblem("index", $"must be ≥ 0, was {Index}")
        : !double.IsFinite(Ms) || Ms < 0 ? new AgentEventProblem("ms", $"must be a finite number ≥ 0, was {Ms}")
        : null);
}
