namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Why a running attempt must stop early, and the token that stops it. The first reason given wins; the lab host
/// shutting down (Hangfire's token) stops it too, without a reason of its own.
/// </summary>
public sealed class AttemptStop : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private StopReason? _reason;

    public AttemptStop(CancellationToken shutdown)
    {
        Shutdown = shutdown;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
    }

    public CancellationToken Token => _cancel.Token;

    public CancellationToken Shutdown { get; }

    public StopReason? Reason => Volatile.Read(ref _reason);

    /// <summary>The source for <see cref="RunningAttempts"/>: cancelling it is a user's cancel.</summary>
    public CancellationTokenSource CancelSource { get; } = new();

    public void Stop(StopReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is null) _cancel.Cancel();
    }

    /// <summary>Turns the cancel source (set by a cancel request) into a stop.</summary>
    public IDisposable ListenForCancel() => CancelSource.Token.Register(() => Stop(new StopReason.Cancelled("cancelled by a user")));

    public void Dispose()
    {
        _cancel.Dispose();
        CancelSource.Dispose();
    }
}

/// <summary>Why an attempt was stopped.</summary>
public abstract record StopReason
{
    private StopReason() { }

    public sealed record Cancelled(string Message) : StopReason;

    public sealed record LeaseLost(string Message) : StopReason;

    public sealed record Timeout(string Phase, string Message) : StopReason;
}
