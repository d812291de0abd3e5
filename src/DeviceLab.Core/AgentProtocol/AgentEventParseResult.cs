namespace DeviceLab.Core.AgentProtocol;

/// <summary>
/// The outcome of parsing one line: an <see cref="Event"/>, an <see cref="Error"/> naming the line and field,
/// or a well-formed line of a kind this build does not know (<see cref="UnknownType"/>, from a newer agent),
/// which a reader keeps as raw text and skips.
/// </summary>
public sealed record AgentEventParseResult
{
    public required long LineNumber { get; init; }
    public AgentEvent? Event { get; init; }
    public AgentEventParseError? Error { get; init; }

    /// <summary>The <c>type</c> (and scope) of a line this build does not know.</summary>
    public string? UnknownType { get; init; }
    public bool IsEvent => Event is not null;
}

/// <summary>Why a line was rejected. <see cref="ToString"/> reads "line 17, field 't_ms': must be …".</summary>
public sealed record AgentEventParseError(long LineNumber, string Field, string Message)
{
    public override string ToString() => $"line {LineNumber}, field '{Field}': {Message}";
}

/// <summary>Thrown by <see cref="AgentEventParser.ParseEvent"/> for a malformed line.</summary>
public sealed class AgentEventFormatException(AgentEventParseError error) : FormatException(error.ToString())
{
    public AgentEventParseError Error { get; } = error;
}
