using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Output;

/// <summary>Where numbered events go: stdout in ADB mode, the hub outbox in network mode.</summary>
public interface IAgentEventTarget
{
    /// <summary>Takes one event and its JSON line (UTF-8, ending in a newline). Called under the stream's lock, in sequence order.</summary>
    void Write(AgentEvent agentEvent, byte[] utf8Line);
}
