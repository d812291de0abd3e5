using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Server.Agents;

/// <summary>
/// Whether one networked device's agent is connected to this node now, by which connection, and since when it is away.
/// Every change completes <see cref="Changed"/>, so a running attempt wakes up when its agent leaves or comes back.
/// </summary>
public sealed class AgentPresence(long deviceId, DateTimeOffset createdAt)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private string? _connectionId;
    private AgentRegistration? _registration;
    private DateTimeOffset _awaySince = createdAt;
    private long _version;

    public long DeviceId { get; } = deviceId;

    /// <summary>The current state: the connection (null while away), what the agent registered with, and since when it is away.</summary>
    public AgentPresenceSnapshot Snapshot()
    {
        lock (_gate) return new AgentPresenceSnapshot(_connectionId, _registration, _awaySince, _version, _changed.Task);
    }

    /// <summary>The agent registered on <paramref name="connectionId"/> (a newer connection replaces an older one).</summary>
    public void Registered(string connectionId, AgentRegistration registration)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _connectionId = connectionId;
            _registration = registration;
            _version++;
            (changed, _changed) = (_changed, NewSignal());
        }
        changed.TrySetResult();
    }

    /// <summary>The connection ended; returns the new version when it was the current one (else null: a newer one took over).</summary>
    public long? Disconnected(string connectionId, DateTimeOffset at)
    {
        TaskCompletionSource changed;
        long version;
        lock (_gate)
        {
            if (_connectionId != connectionId) return null;
            _connectionId = null;
            _awaySince = at;
            version = ++_version;
            (changed, _changed) = (_changed, NewSignal());
        }
        changed.TrySetResult();
        return version;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <param name="ConnectionId">The agent's hub connection, or null while it is away.</param>
/// <param name="Registration">What it last registered with.</param>
/// <param name="AwaySince">When the last connection ended (or the presence was created).</param>
/// <param name="Version">Increases with every change.</param>
/// <param name="Changed">Completes at the next change.</param>
public sealed record AgentPresenceSnapshot(string? ConnectionId, AgentRegistration? Registration, DateTimeOffset AwaySince, long Version, Task Changed);
