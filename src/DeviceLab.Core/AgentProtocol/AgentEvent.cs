using System.Text.Json.Serialization;

namespace DeviceLab.Core.AgentProtocol;

/// <summary>
/// One line of the agent's JSON-lines stream. Every event names its <see cref="Type"/>, the schema
/// <see cref="V"/>ersion it was written with, its sequence number within the run and the agent's
/// monotonic clock when it happened.
/// </summary>
/// <remarks>
/// The schema version changes only for breaking changes (a field removed, renamed or re-typed, an enum
/// value added); new optional fields are added without a bump and old parsers ignore them.
/// </remarks>
public abstract record AgentEvent
{
    /// <summary>Schema version written by this build.</summary>
    public const int SchemaVersion = 1;

    protected AgentEvent(string type) => Type = type;

    /// <summary>Event kind: <c>hello</c>, <c>phase</c>, <c>sample</c>, <c>token</c>, <c>admission</c>, <c>result</c>, <c>error</c>.</summary>
    [JsonPropertyName("type"), JsonPropertyOrder(-10)]
    public string Type { get; }

    /// <summary>Schema version of this line.</summary>
    [JsonPropertyName("v"), JsonPropertyOrder(-9)]
    public int V { get; init; } = SchemaVersion;

    /// <summary>1-based position of the event in its run; the server de-duplicates re-sent events by it.</summary>
    [JsonPropertyName("seq"), JsonPropertyOrder(-8), JsonRequired]
    public long Seq { get; init; }

    /// <summary>Milliseconds on the agent's monotonic clock since the agent started.</summary>
    [JsonPropertyName("t_ms"), JsonPropertyOrder(-7), JsonRequired]
    public double TMs { get; init; }

    /// <summary>The first problem with this event's content, or null when it is well-formed.</summary>
    public virtual AgentEventProblem? Validate() => Seq < 1 ? new AgentEventProblem("seq", $"must be ≥ 1, was {Seq}")
        : !double.IsFinite(TMs) || TMs < 0 ? new AgentEventProblem("t_ms", $"must be a finite number ≥ 0, was {TMs}")
        : null;
}

/// <summary>What is wrong with one field of an event.</summary>
/// <param name="Field">The JSON name of the field (dotted for nested fields).</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record AgentEventProblem(string Field, string Message);
