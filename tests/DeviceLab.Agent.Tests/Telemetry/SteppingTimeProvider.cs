namespace DeviceLab.Agent.Tests.Telemetry;

/// <summary>
/// Virtual time for tests: the clock moves only when a test calls <see cref="Advance"/> or when code waits on a timer,
/// which then jumps the clock by its due time and fires at once. A wait of 5 s costs no real time and ends exactly 5 s later.
/// </summary>
internal sealed class SteppingTimeProvider : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);
    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(GetTimestamp());
    public TimeSpan Elapsed => TimeSpan.FromTicks(GetTimestamp());

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SteppingTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class SteppingTimer(SteppingTimeProvider time, TimerCallback callback, object? state) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan) return true;
            time.Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return true;
        }

        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
