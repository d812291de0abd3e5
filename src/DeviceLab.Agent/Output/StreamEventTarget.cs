using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Output;

/// <summary>
/// ADB mode: each event is written to the stream (stdout) and flushed at once, so the server reading the
/// <c>shell,v2</c> stdout sees it live and nothing is lost if the agent dies afterwards.
/// </summary>
public sealed class StreamEventTarget(Stream stream) : IAgentEventTarget
{
    public void Write(AgentEvent agentEvent, byte[] utf8Line)
    {
        stream.Write(utf8Line);
        stream.Flush();
    }
}
