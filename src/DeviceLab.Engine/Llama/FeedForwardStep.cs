using DeviceLab.Engine.Kernels;
using DeviceLab.Engine.Threading;

namespace DeviceLab.Engine.Llama;

/// <summary>
/// The gate and up projections and the SwiGLU between them as one parallel step: a worker computes the
/// same rows of both and gates them at once, so no barrier separates the two multiplies.
/// </summary>
internal sealed unsafe class FeedForwardStep(KernelChoice kernels) : ParallelWork
{
    private WeightMatrix _gate;
    private WeightMatrix _up;
    private MatMulInput _input;
    private float* _gateOut;
    private float* _upOut;
    private int _tokens;

    /// <param name="gateOut">(tokens, ff) receives silu(gate) ⊙ up.</param>
    /// <param name="upOut">(tokens, ff) scratch for the up projection.</param>
    public FeedForwardStep Set(in WeightMatrix gate, in WeightMatrix up, in MatMulInput input, float* gateOut, float* upOut, int tokens)
    {
        _gate = gate;
        _up = up;
        _input = input;
        _gateOut = gateOut;
        _upOut = upOut;
        _tokens = tokens;
        return this;
    }

    public override void Execute(int worker, int workers)
    {
        var ff = _gate.Rows;
        var (start, end) = Share(ff, worker, workers, 16);
        if (start >= end) return;
        MatMul.Run(kernels, _gate, _input, _tokens, _gateOut, ff, start, end, accumulate: false);
        MatMul.Run(kernels, _up, _input, _tokens, _upOut, ff, start, end, accumulate: false);
        for (var t = 0; t < _tokens; t++) SwiGlu.Run(kernels, _gateOut + (long)t * ff + start, _upOut + (long)t * ff + start, end - start);
    }
}
