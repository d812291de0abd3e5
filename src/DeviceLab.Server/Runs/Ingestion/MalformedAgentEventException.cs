using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Server.Runs.Ingestion;

/// <summary>The agent wrote a line that is not a valid event of this attempt; nothing of the line was stored.</summary>
public sealed class MalformedAgentEventException(AgentEventParseError error)
    : Exception($"the agent wrote a malformed event: {error}")
{
    public AgentEventParseError Error { get; } = error;
}
