using System.Collections.Concurrent;

namespace DeviceLab.Server.Agents;

/// <summary>The attempts running on networked devices on this node, by job id.</summary>
public sealed class AgentSessions
{
    private readonly ConcurrentDictionary<AgentJobId, AgentSession> _byJob = new();

    public void Add(AgentSession session)
    {
        if (!_byJob.TryAdd(session.JobId, session)) throw new InvalidOperationException($"job {session.JobId} is already running on this node");
    }

    public void Remove(AgentSession session) => _byJob.TryRemove(new KeyValuePair<AgentJobId, AgentSession>(session.JobId, session));

    public AgentSession? Find(AgentJobId jobId) => _byJob.GetValueOrDefault(jobId);

    /// <summary>The attempt running on the device (one at most: it holds the device's lease).</summary>
    public AgentSession? ForDevice(long deviceId) => _byJob.Values.FirstOrDefault(s => s.DeviceId == deviceId);
}
