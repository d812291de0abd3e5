using DeviceLab.Engine.Kernels;
using DeviceLab.Engine.Threading;

namespace DeviceLab.Engine.Llama;

/// <summary>
/// The gate and up projections and the SwiGLU between them as one parallel step: a worker computes the
/// same rows of both and gates them at once, so no barrier separates the two multiplies; when the down projection
/// reads Q8_0, each worker also quantizes its own rows, so that is not left to one thread afterwards.
/// </summary>
internal sealed unsafe class FeedForwardStep(KernelChoice kernels) : ParallelWork
{
    private WeightMatrix _gate;
    private WeightMatrix _up;
    private MatMulInput _input;
    private float* _gateOut;
    private float* _upOut;
    private Q8Activations? _quantized;
    private int _tokens;

    /// <param name="gateOut">(tokens, ff) receives silu(gate) ⊙ up.</param>
    /// <param name="upOut">(tokens, ff) scratch for the up projection.</param>
    /// <param name="quantized">When the down projection is quantized: receives gateOut as Q8_0, each worker quantizing the blocks it computed.</param>
    public FeedForwardStep Set(in WeightMatrix gate, in WeightMatrix up, in MatMulInput input, float* gateOut, float* upOut, int tokens, Q8Activations? quantized)
    {
        _quantized = quantized;
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
        // Shares of whole 32-row blocks, so a worker can quantize exactly the Q8_0 blocks it produced.
        var (start, end) = Share(ff, worker, workers, Q8Activations.BlockSize);
        if (start >= end) return;
        MatMul.Run(kernels, _gate, _input, _tokens, _gateOut, ff, start, end, accumulate: false);
        MatMul.Run(kernels, _up, _input, _tokens, _upOut, ff, start, end, accumulate: false);
        for (var t = 0; t < _tokens; t++)
        {
            var row = _gateOut + (long)t * ff;
            SwiGlu.Run(kernels, row + start, _upOut + (long)t * ff + start, end - start);
            if (_quantized is not null)
                QuantizeQ8.Blocks(kernels, row, _quantized, t, start / Q8Activations.BlockSize, (end + Q8Activations.BlockSize - 1) / Q8Activations.BlockSize);
        }
    }
}
