/// <summary>Busy threads at normal priority: the machine the bug was seen on had builds and tests running.</summary>
internal sealed class CpuLoad : IDisposable
{
    private volatile bool _stop;
    private readonly List<Thread> _threads = [];

    public CpuLoad(int threads)
    {
        for (var i = 0; i < threads; i++)
        {
            var thread = new Thread(() =>
            {
                var x = 0UL;
                while (!_stop)
                {
                    for (var j = 0; j < 100_000; j++) x = x * 6364136223846793005UL + 1;
                    if ((x & 0xFFFF) == 0) Thread.Yield();
                }
            }) { IsBackground = true, Name = $"spinner-{i}" };
            thread.Start();
            _threads.Add(thread);
        }
    }

    public void Dispose()
    {
        _stop = true;
        foreach (var t in _threads) t.Join();
    }
}
