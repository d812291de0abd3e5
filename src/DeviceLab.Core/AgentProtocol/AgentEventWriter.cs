using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DeviceLab.Core.AgentProtocol;

/// <summary>Turns events into JSON lines (one object, no newline inside, terminated by <c>\n</c>).</summary>
public static class AgentEventWriter
{
    /// <summary>The event as one JSON object without the trailing newline.</summary>
    public static string ToJson(AgentEvent agentEvent) => JsonSerializer.Serialize(agentEvent, TypeInfoOf(agentEvent));

    /// <summary>The event as UTF-8 bytes including the trailing newline.</summary>
    public static byte[] ToUtf8Line(AgentEvent agentEvent)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(agentEvent, TypeInfoOf(agentEvent));
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    private static JsonTypeInfo TypeInfoOf(AgentEvent agentEvent)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        return AgentProtocolJsonContext.Default.GetTypeInfo(agentEvent.GetType())
            ?? throw new ArgumentException($"{agentEvent.GetType().Name} is not part of the agent protocol.", nameof(agentEvent));
    }
}
