using System.Text;
using DeviceLab.Agent.Output;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Network;

/// <summary>
/// Network mode's event target: every event of a job waits here, in sequence order, until the server acknowledges
/// it. A dropped connection loses nothing: unacknowledged events are sent again after the reconnect, and the server
/// ignores sequence numbers it already stored.
/// </summary>
public sealed class EventOutbox(string jobId) : IAgentEventTarget
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(long Seq, string Line)> _pending = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private long _lastSeq;
    private long _ackedThrough;
    private TaskCompletionSource _drained = NewDrained();

    public string JobId { get; } = jobId;

    public long LastSeq
    {
        get { lock (_gate) return _lastSeq; }
    }

    public int PendingCount
    {
        get { lock (_gate) return _pending.Count; }
    }

    public void Write(AgentEvent agentEvent, byte[] utf8Line)
    {
        lock (_gate)
        {
            if (_pending.Count == 0) _drained = NewDrained();
            _pending.AddLast((agentEvent.Seq, Encoding.UTF8.GetString(utf8Line, 0, utf8Line.Length - 1)));
            _lastSeq = agentEvent.Seq;
            // A wake-up signal, not a counter: the sender reads everything pending when it wakes.
            if (_arrived.CurrentCount == 0) _arrived.Release();
        }
    }

    /// <summary>Up to <paramref name="max"/> unacknowledged lines, oldest first (they stay until acknowledged).</summary>
    public IReadOnlyList<string> Peek(int max)
    {
        lock (_gate) return _pending.Take(max).Select(p => p.Line).ToList();
    }

    /// <summary>Forgets every event with sequence number ≤ <paramref name="storedThroughSeq"/>.</summary>
    public void Acknowledge(long storedThroughSeq)
    {
        lock (_gate)
        {
            _ackedThrough = Math.Max(_ackedThrough, storedThroughSeq);
            while (_pending.First is { } first && first.Value.Seq <= _ackedThrough) _pending.RemoveFirst();
            if (_pending.Count == 0) _drained.TrySetResult();
        }
    }

    /// <summary>Completes when new events arrive (or at once if some are pending).</summary>
    public async Task WaitForEventsAsync(CancellationToken cancellationToken)
    {
        if (PendingCount > 0) return;
        await _arrived.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes when every event written so far has been acknowledged.</summary>
    public Task DrainedAsync(CancellationToken cancellationToken)
    {
        lock (_gate) return _pending.Count == 0 ? Task.CompletedTask : _drained.Task.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewDrained() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
