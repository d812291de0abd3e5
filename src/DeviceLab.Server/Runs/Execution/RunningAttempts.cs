using System.Collections.Concurrent;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// The attempts this node is running, so a cancel request (from any node, through the control channel) reaches the
/// one that holds the device.
/// </summary>
public sealed class RunningAttempts
{
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _byRunJob = new();

    /// <summary>Registers a running attempt; disposing the result unregisters it.</summary>
    public IDisposable Register(long runJobId, CancellationTokenSource cancel)
    {
        _byRunJob[runJobId] = cancel;
        return new Registration(() => _byRunJob.TryRemove(new KeyValuePair<long, CancellationTokenSource>(runJobId, cancel)));
    }

    /// <summary>Asks the attempt of <paramref name="runJobId"/> running here (if any) to stop; true when one was found.</summary>
    public bool Cancel(long runJobId)
    {
        if (!_byRunJob.TryGetValue(runJobId, out var cancel)) return false;
        try
        {
            cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        return true;
    }

    public bool IsRunning(long runJobId) => _byRunJob.ContainsKey(runJobId);

    private sealed class Registration(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
