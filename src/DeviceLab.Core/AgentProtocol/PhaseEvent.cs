using System.Text.Json.Serialization;

namespace DeviceLab.Core.AgentProtocol;

/// <summary>The two timed parts of a repetition.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BenchPhaseName>))]
public enum BenchPhaseName
{
    [JsonStringEnumMemberName("prefill")] Prefill,
    [JsonStringEnumMemberName("decode")] Decode,
}

/// <summary>Whether a phase mark opens or closes its phase.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PhaseEdge>))]
public enum PhaseEdge
{
    [JsonStringEnumMemberName("start")] Start,
    [JsonStringEnumMemberName("end")] End,
}

/// <summary>A phase of one repetition of one variant starts or ends at <see cref="AgentEvent.TMs"/>.</summary>
public sealed record PhaseEvent() : AgentEvent("phase")
{
    public required string Variant { get; init; }

    /// <summary>0-based repetition index; warm-ups count separately from measured repetitions.</summary>
    public required int Repetition { get; init; }
    public required bool Warmup { get; init; }
    public required BenchPhaseName Phase { get; init; }
    public required PhaseEdge Edge { get; init; }

    public override AgentEventProblem? Validate() => base.Validate()
        ?? (string.IsNullOrEmpty(Variant) ? new AgentEventProblem("variant", "is required")
        : Repetition < 0 ? new AgentEventProblem("repetition", $"must be ≥ 0, was {Repetition}")
        : null);
}
