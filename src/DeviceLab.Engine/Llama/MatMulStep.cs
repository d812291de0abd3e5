using DeviceLab.Engine.Kernels;
using DeviceLab.Engine.Threading;

namespace DeviceLab.Engine.Llama;

/// <summary>
/// Up to three matrix multiplies over the same batch run as one parallel step (Q, K and V read one
/// quantized input): their rows are laid end to end and each worker takes a contiguous share, in
/// multiples of 16 rows so no two workers write the same cache line of the output.
/// </summary>
internal sealed unsafe class MatMulStep(KernelChoice kernels) : ParallelWork
{
    private const int RowGranule = 16;

    private readonly Job[] _jobs = new Job[3];
    private int _count;
    private int _tokens;

    public MatMulStep Begin(int tokens)
    {
        _count = 0;
        _tokens = tokens;
        return this;
    }

    /// <summary>Adds y (tokens, yStride) (+)= x · Wᵀ.</summary>
    public MatMulStep Add(in WeightMatrix w, in MatMulInput x, float* y, long yStride, bool accumulate = false)
    {
        _jobs[_count++] = new Job(w, x, y, yStride, accumulate);
        return this;
    }

    public override void Execute(int worker, int workers)
    {
        var total = 0;
        for (var j = 0; j < _count; j++) total += _jobs[j].W.Rows;
        var (start, end) = Share(total, worker, workers, RowGranule);
        var offset = 0;
        for (var j = 0; j < _count; j++)
        {
            ref readonly var job = ref _jobs[j];
            var first = Math.Max(start, offset) - offset;
            var last = Math.Min(end, offset + job.W.Rows) - offset;
            if (first < last) MatMul.Run(kernels, job.W, job.X, _tokens, job.Y, job.YStride, first, last, job.Accumulate);
            offset += job.W.Rows;
        }
    }

    private readonly struct Job(WeightMatrix w, MatMulInput x, float* y, long yStride, bool accumulate)
    {
        public readonly WeightMatrix W = w;
        public readonly MatMulInput X = x;
        public readonly float* Y = y;
        public readonly long YStride = yStride;
        public readonly bool Accumulate = accumulate;
    }
}
