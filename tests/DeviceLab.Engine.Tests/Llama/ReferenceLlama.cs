using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Llama;

/// <summary>
/// The llama forward pass written plainly in float64, one token at a time, to hold the engine against.
/// Weights are dequantized with the reference codecs. With <c>quantizeActivations</c>, every input of a
/// Q8_0 / Q4_0 matrix is first rounded through the reference Q8_0 quantizer, as the engine's integer
/// kernels see it; with <c>halfCache</c>, cached keys and values are rounded to f16 as an F16 cache holds them.
/// </summary>
internal sealed class ReferenceLlama
{
    private readonly LlamaConfig _c;
    private readonly GgufFile _file;
    private readonly bool _quantizeActivations;
    private readonly bool _halfCache;
    private readonly List<double[]>[] _keys, _values; // [layer][position] (kv_dim)

    public ReferenceLlama(GgufFile file, bool quantizeActivations = false, bool halfCache = false)
    {
        _file = file;
        _c = LlamaConfig.FromGguf(file);
        _quantizeActivations = quantizeActivations;
        _halfCache = halfCache;
        _keys = Enumerable.Range(0, _c.BlockCount).Select(_ => new List<double[]>()).ToArray();
        _values = Enumerable.Range(0, _c.BlockCount).Select(_ => new List<double[]>()).ToArray();
    }

    /// <summary>Feeds the next token; returns the (vocab) logits after it.</summary>
    public double[] Next(int token)
    {
        int dim = _c.EmbeddingLength, hd = _c.HeadDimension, pos = _keys[0].Count;
        var x = Row(LlamaTensorNames.TokenEmbedding, token); // (dim)
        for (var l = 0; l < _c.BlockCount; l++)
        {
            var xb = RmsNorm(x, Vector(LlamaTensorNames.AttentionNorm(l)));
            var q = MatVec(LlamaTensorNames.AttentionQuery(l), xb);  // (n_heads·hd)
            var k = MatVec(LlamaTensorNames.AttentionKey(l), xb);    // (kv_dim)
            var v = MatVec(LlamaTensorNames.AttentionValue(l), xb);  // (kv_dim)
            Rope(q, pos);
            Rope(k, pos);
            _keys[l].Add(_halfCache ? k.Select(RoundToHalf).ToArray() : k);
            _values[l].Add(_halfCache ? v.Select(RoundToHalf).ToArray() : v);

            var mixed = new double[dim]; // (n_heads·hd)
            for (var h = 0; h < _c.HeadCount; h++)
            {
                var kvh = h / _c.GroupSize;
                var scores = new double[pos + 1];
                for (var t = 0; t <= pos; t++)
                {
                    for (var i = 0; i < hd; i++) scores[t] += q[h * hd + i] * _keys[l][t][kvh * hd + i];
                    scores[t] /= Math.Sqrt(hd);
                }
                var max = scores.Max();
                var weights = scores.Select(s => Math.Exp(s - max)).ToArray();
                var sum = weights.Sum();
                for (var t = 0; t <= pos; t++)
                    for (var i = 0; i < hd; i++) mixed[h * hd + i] += weights[t] / sum * _values[l][t][kvh * hd + i];
            }
            Add(x, MatVec(LlamaTensorNames.AttentionOutput(l), mixed));

            xb = RmsNorm(x, Vector(LlamaTensorNames.FeedForwardNorm(l)));
            var gate = MatVec(LlamaTensorNames.FeedForwardGate(l), xb); // (ff)
            var up = MatVec(LlamaTensorNames.FeedForwardUp(l), xb);     // (ff)
            var hidden = gate.Select((g, i) => g / (1 + Math.Exp(-g)) * up[i]).ToArray();
            Add(x, MatVec(LlamaTensorNames.FeedForwardDown(l), hidden));
        }
        var output = _c.TiedOutput ? LlamaTensorNames.TokenEmbedding : LlamaTensorNames.Output;
        return MatVec(output, RmsNorm(x, Vector(LlamaTensorNames.OutputNorm)));
    }

    private double[] RmsNorm(double[] x, double[] weight)
    {
        var scale = 1 / Math.Sqrt(x.Sum(v => v * v) / x.Length + _c.RmsNormEpsilon);
        return x.Select((v, i) => v * scale * weight[i]).ToArray();
    }

    private void Rope(double[] x, int pos)
    {
        for (var head = 0; head < x.Length / _c.HeadDimension; head++)
        {
            for (var i = 0; i < _c.RopeDimensionCount / 2; i++)
            {
                var angle = pos * Math.Pow(_c.RopeFreqBase, -2.0 * i / _c.RopeDimensionCount);
                int a = head * _c.HeadDimension + 2 * i, b = a + 1;
                (x[a], x[b]) = (x[a] * Math.Cos(angle) - x[b] * Math.Sin(angle), x[a] * Math.Sin(angle) + x[b] * Math.Cos(angle));
            }
        }
    }

    /// <summary>W · x for the matrix <paramref name="name"/> (rows = outputs).</summary>
    private double[] MatVec(string name, double[] x)
    {
        var info = _file.GetTensor(name);
        if (_quantizeActivations && info.Type is GgmlType.Q8_0 or GgmlType.Q4_0) x = RoundThroughQ8(x);
        var y = new double[info.RowCount];
        for (var r = 0; r < y.Length; r++)
        {
            var row = Row(name, r);
            for (var i = 0; i < x.Length; i++) y[r] += row[i] * x[i];
        }
        return y;
    }

    private static double[] RoundThroughQ8(double[] x)
    {
        var floats = x.Select(v => (float)v).ToArray();
        var blocks = new byte[floats.Length / 32 * Q8_0Codec.BlockBytes];
        Q8_0Codec.Instance.Quantize(floats, blocks);
        Q8_0Codec.Instance.Dequantize(blocks, floats);
        return floats.Select(v => (double)v).ToArray();
    }

    private double[] Row(string name, int row)
    {
        var info = _file.GetTensor(name);
        var values = new float[info.RowLength];
        info.Type.Codec().Dequantize(_file.GetRowBytes(info, row, 1), values);
        return values.Select(v => (double)v).ToArray();
    }

    private double[] Vector(string name) => Row(name, 0);

    private static void Add(double[] x, double[] y)
    {
        for (var i = 0; i < x.Length; i++) x[i] += y[i];
    }

    private static double RoundToHalf(double v) => (double)(Half)(float)v;
}
