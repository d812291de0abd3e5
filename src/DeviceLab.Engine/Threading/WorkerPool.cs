using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace DeviceLab.Engine.Threading;

/// <summary>
/// Threads that run <see cref="ParallelWork"/> steps together with the calling thread, which is worker 0.
/// Decode issues about five steps per layer, each a few microseconds long, so workers spin between steps
/// (a wake-up through the kernel costs more than a step) and only block after spinning for
/// <see cref="SpinBeforeSleep"/> without work — between generations, or when the machine is busy.
/// With one thread there is no pool: <see cref="Run"/> calls the step directly.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    /// <summary>How long an idle worker spins before it blocks.</summary>
    public static readonly TimeSpan SpinBeforeSleep = TimeSpan.FromMilliseconds(2);

    private readonly Thread[] _threads;
    private readonly object _sleepLock = new();
    private ParallelWork? _work;
    private long _generation;
    private int _pending;
    private int _sleepers;
    private volatile bool _disposed;
    private Exception? _failure;

    public WorkerPool(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "a worker pool needs at least one thread");
        ThreadCount = threads;
        _threads = new Thread[threads - 1];
        for (var i = 0; i < _threads.Length; i++)
        {
            var index = i + 1;
            _threads[i] = new Thread(() => WorkerLoop(index)) { IsBackground = true, Name = $"devicelab-engine-{index}" };
            _threads[i].Start();
        }
    }

    /// <summary>Workers, including the calling thread.</summary>
    public int ThreadCount { get; }

    /// <summary>Runs <paramref name="work"/> on every worker and returns when all are done.</summary>
    public void Run(ParallelWork work)
    {
        if (ThreadCount == 1)
        {
            work.Execute(0, 1);
            return;
        }
        ObjectDisposedException.ThrowIf(_disposed, this);
        _work = work;
        Volatile.Write(ref _pending, ThreadCount - 1);
        Interlocked.Increment(ref _generation);
        if (Volatile.Read(ref _sleepers) > 0)
        {
            lock (_sleepLock) Monitor.PulseAll(_sleepLock);
        }
        Exception? own = null;
        try
        {
            work.Execute(0, ThreadCount);
        }
        catch (Exception e)
        {
            own = e;
        }
        var spin = new SpinWait();
        while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
        _work = null;
        var failure = own ?? Interlocked.Exchange(ref _failure, null);
        if (failure is not null) ExceptionDispatchInfo.Capture(failure).Throw();
    }

    private void WorkerLoop(int index)
    {
        long seen = 0;
        while (true)
        {
            seen = WaitForGeneration(seen);
            if (_disposed) return;
            try
            {
                _work!.Execute(index, ThreadCount);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            Interlocked.Decrement(ref _pending);
        }
    }

    private long WaitForGeneration(long seen)
    {
        var spinTicks = (long)(SpinBeforeSleep.TotalSeconds * Stopwatch.Frequency);
        var spinUntil = Stopwatch.GetTimestamp() + spinTicks;
        var spinner = new SpinWait();
        while (true)
        {
            var generation = Volatile.Read(ref _generation);
            if (generation != seen || _disposed) return generation;
            if (Stopwatch.GetTimestamp() < spinUntil)
            {
                // Spins briefly, then yields the core between checks: when there are more threads than
                // free cores, the thread this one waits for may need it.
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            // Announce sleeping before the final check: Run bumps the generation before reading _sleepers,
            // and both sides use full fences, so one of them always sees the other.
            Interlocked.Increment(ref _sleepers);
            lock (_sleepLock)
            {
                while (Volatile.Read(ref _generation) == seen && !_disposed) Monitor.Wait(_sleepLock);
            }
            Interlocked.Decrement(ref _sleepers);
            spinUntil = Stopwatch.GetTimestamp() + spinTicks;
            spinner.Reset();
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        lock (_sleepLock) Monitor.PulseAll(_sleepLock);
        foreach (var thread in _threads) thread.Join();
    }
}
