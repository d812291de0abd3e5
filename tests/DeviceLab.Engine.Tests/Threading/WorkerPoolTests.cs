using DeviceLab.Engine.Threading;

namespace DeviceLab.Engine.Tests.Threading;

public sealed class WorkerPoolTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_item_is_done_exactly_once_per_step(int threads)
    {
        using var pool = new WorkerPool(threads);
        var work = new CountingWork(1000);
        for (var step = 0; step < 2000; step++) pool.Run(work);
        Assert.All(work.Counts, count => Assert.Equal(2000, count));
    }

    [Fact]
    public void One_thread_runs_on_the_caller()
    {
        using var pool = new WorkerPool(1);
        var work = new ThreadRecordingWork();
        pool.Run(work);
        Assert.Equal([Environment.CurrentManagedThreadId], work.Threads);
    }

    [Fact]
    public void Workers_that_went_to_sleep_wake_up_for_the_next_step()
    {
        using var pool = new WorkerPool(2);
        var work = new CountingWork(10);
        pool.Run(work);
        Thread.Sleep(WorkerPool.SpinBeforeSleep * 5);
        pool.Run(work);
        Assert.All(work.Counts, count => Assert.Equal(2, count));
    }

    [Fact]
    public void A_worker_failure_reaches_the_caller_and_the_pool_keeps_working()
    {
        using var pool = new WorkerPool(2);
        var error = Assert.Throws<InvalidOperationException>(() => pool.Run(new FailingWork(worker: 1)));
        Assert.Equal("worker 1 failed", error.Message);
        var work = new CountingWork(4);
        pool.Run(work);
        Assert.All(work.Counts, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Shares_cover_the_range_without_overlap_in_whole_granules()
    {
        for (var workers = 1; workers <= 4; workers++)
        {
            var covered = new List<int>();
            for (var w = 0; w < workers; w++)
            {
                var (start, end) = ParallelWork.Share(1000, w, workers, 16);
                Assert.True(start % 16 == 0);
                covered.AddRange(Enumerable.Range(start, end - start));
            }
            Assert.Equal(Enumerable.Range(0, 1000), covered);
        }
    }

    private sealed class CountingWork(int items) : ParallelWork
    {
        public int[] Counts { get; } = new int[items];

        public override void Execute(int worker, int workers)
        {
            var (start, end) = Share(Counts.Length, worker, workers);
            for (var i = start; i < end; i++) Counts[i]++;
        }
    }

    private sealed class ThreadRecordingWork : ParallelWork
    {
        public List<int> Threads { get; } = [];

        public override void Execute(int worker, int workers)
        {
            lock (Threads) Threads.Add(Environment.CurrentManagedThreadId);
        }
    }

    private sealed class FailingWork(int worker) : ParallelWork
    {
        public override void Execute(int index, int workers)
        {
            if (index == worker) throw new InvalidOperationException($"worker {index} failed");
        }
    }
}
