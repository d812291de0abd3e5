using DeviceLab.Core.AgentProtocol;
using DeviceLab.Server.Runs.Ingestion;

namespace DeviceLab.Server.Agents;

/// <summary>
/// One attempt running on a networked device, as the hub sees it: which device may speak for it, where its events go
/// (the attempt's <see cref="AttemptIngestion"/>, the same pipeline as ADB mode) and how it ended — the agent's
/// <c>CompleteJob</c>, or a fault such as a malformed batch or a lost agent.
/// </summary>
public sealed class AgentSession(AgentJobId jobId, long deviceId, AgentJob job, AttemptIngestion ingestion)
{
    // One batch at a time: the ingestion takes lines from one writer, and a reconnecting agent may overlap its old connection.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource<AgentJobOutcome> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;
    private volatile bool _hasEvents;

    public AgentJobId JobId { get; } = jobId;
    public long DeviceId { get; } = deviceId;
    public AgentJob Job { get; } = job;

    /// <summary>Completes with the agent's outcome, or faults (<see cref="MalformedAgentEventException"/>, <see cref="Runs.Execution.DeviceLostException"/>).</summary>
    public Task<AgentJobOutcome> Ended => _ended.Task;

    /// <summary>The agent has sent at least one event of the job (it has started it).</summary>
    public bool HasEvents => _hasEvents;

    /// <summary>Stores a batch (all of it or, when a line is malformed, none of it) and returns the highest sequence number stored with every one before it.</summary>
    /// <exception cref="MalformedAgentEventException">A line is invalid: nothing of the batch was stored and the session ends with this error.</exception>
    /// <exception cref="AgentSessionEndedException">The attempt already ended.</exception>
    public async Task<long> PublishAsync(IReadOnlyList<string> lines, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        long accepted;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_closed || _ended.Task.IsCompleted) throw new AgentSessionEndedException(JobId);
            accepted = await ingestion.AcceptLinesAsync(lines, receivedAt, cancellationToken);
            if (lines.Count > 0) _hasEvents = true;
        }
        catch (MalformedAgentEventException e)
        {
            _ended.TrySetException(e);
            throw;
        }
        finally
        {
            _gate.Release();
        }
        await ingestion.WaitUntilStoredAsync(accepted, cancellationToken);
        return ingestion.StoredThroughSeq;
    }

    /// <summary>The agent reported the job's end.</summary>
    public void Complete(AgentJobOutcome outcome) => _ended.TrySetResult(outcome);

    /// <summary>The job cannot go on (the agent is lost, the attempt was stopped).</summary>
    public void Fail(Exception error) => _ended.TrySetException(error);

    /// <summary>Takes no more events: waits for a batch being accepted, then refuses the rest (the ingestion is completed next).</summary>
    public async Task CloseAsync()
    {
        await _gate.WaitAsync();
        _closed = true;
        _gate.Release();
    }
}

/// <summary>Events or the end of a job arrived after its attempt had ended.</summary>
public sealed class AgentSessionEndedException(AgentJobId jobId) : Exception($"job {jobId} has ended");
