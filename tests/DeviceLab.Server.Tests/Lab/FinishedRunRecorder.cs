using System.Collections.Concurrent;
using DeviceLab.Server.Runs;

namespace DeviceLab.Server.Tests.Lab;

/// <summary>An <see cref="IRunFinishedObserver"/> that remembers every call, to check each finished run is reported exactly once.</summary>
public sealed class FinishedRunRecorder : IRunFinishedObserver
{
    public ConcurrentQueue<long> Calls { get; } = new();

    public Task OnRunFinishedAsync(long runId, CancellationToken cancellationToken)
    {
        Calls.Enqueue(runId);
        return Task.CompletedTask;
    }
}
