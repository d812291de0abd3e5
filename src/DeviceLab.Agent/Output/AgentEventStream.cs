using DeviceLab.Agent.Telemetry;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Output;

/// <summary>
/// Numbers events (1, 2, 3 … in the order they are emitted) and hands them to the target. Thread-safe: the
/// benchmark and the telemetry thread emit into the same stream.
/// </summary>
public sealed class AgentEventStream(IAgentEventTarget target, AgentClock clock)
{
    private readonly Lock _gate = new();
    private long _lastSeq;
    private Exception? _lost;

    public AgentClock Clock { get; } = clock;

    /// <summary>Sequence number of the last event emitted (0 before the first).</summary>
    public long LastSeq
    {
        get { lock (_gate) return _lastSeq; }
    }

    /// <summary>Emits <paramref name="agentEvent"/> with the next sequence number; its <c>t_ms</c> is kept as given.</summary>
    public T Emit<T>(T agentEvent) where T : AgentEvent
    {
        lock (_gate)
        {
            if (_lost is not null) throw new AgentOutputLostException(_lost);
            var numbered = agentEvent with { Seq = _lastSeq + 1 };
            try
            {
                target.Write(numbered, AgentEventWriter.ToUtf8Line(numbered));
            }
            catch (IOException e)
            {
                _lost = e;
                throw new AgentOutputLostException(e);
            }
            _lastSeq++;
            return (T)numbered;
        }
    }

    /// <summary>Emits <paramref name="agentEvent"/> stamped with the clock's current time.</summary>
    public T EmitNow<T>(T agentEvent) where T : AgentEvent => Emit(agentEvent with { TMs = Clock.NowMs });

    /// <summary>Emits a fatal or warning error.</summary>
    public ErrorEvent Error(string code, string message, bool fatal, string? variant = null) =>
        EmitNow(new ErrorEvent { Code = code, Message = message, Fatal = fatal, Variant = variant });
}
