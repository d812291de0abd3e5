namespace DeviceLab.Engine.Threading;

/// <summary>
/// One parallel step of the forward pass (a matrix multiply, attention over heads). Every worker calls
/// <see cref="Execute"/> with its index and takes its own share; instances are built once and reused for
/// every token, so dispatching a step allocates nothing.
/// </summary>
public abstract class ParallelWork
{
    /// <summary>Runs worker <paramref name="worker"/>'s share of <paramref name="workers"/>.</summary>
    public abstract void Execute(int worker, int workers);

    /// <summary>The [start, end) slice of <paramref name="count"/> items worker <paramref name="worker"/> takes, in multiples of <paramref name="granule"/>.</summary>
    public static (int Start, int End) Share(int count, int worker, int workers, int granule = 1)
    {
        var granules = (count + granule - 1) / granule;
        var start = (int)((long)granules * worker / workers) * granule;
        var end = (int)((long)granules * (worker + 1) / workers) * granule;
        return (Math.Min(start, count), Math.Min(end, count));
    }
}
