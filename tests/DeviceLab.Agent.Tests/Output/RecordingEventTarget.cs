using System.Text;
using DeviceLab.Agent.Output;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Output;

/// <summary>Keeps every event and the exact JSON lines written, so tests can parse them back with the shared parser.</summary>
internal sealed class RecordingEventTarget : IAgentEventTarget
{
    private readonly Lock _gate = new();
    private readonly List<AgentEvent> _events = [];
    private readonly StringBuilder _lines = new();

    public void Write(AgentEvent agentEvent, byte[] utf8Line)
    {
        lock (_gate)
        {
            _events.Add(agentEvent);
            _lines.Append(Encoding.UTF8.GetString(utf8Line));
        }
    }

    public IReadOnlyList<AgentEvent> Events
    {
        get { lock (_gate) return [.. _events]; }
    }

    public string Text
    {
        get { lock (_gate) return _lines.ToString(); }
    }

    public IReadOnlyList<T> OfType<T>() where T : AgentEvent => Events.OfType<T>().ToList();
}
