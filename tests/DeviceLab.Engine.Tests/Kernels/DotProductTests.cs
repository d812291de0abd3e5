using DeviceLab.Engine.Kernels;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Kernels;

/// <summary>
/// Every SIMD dot product and prefill tile against the scalar reference. Integer block sums are exact on
/// every path; only the float accumulation order differs, so the bound is 1e-5 of Σ|wᵢxᵢ| (float32 rounding
/// over a few thousand terms stays two orders of magnitude below it).
/// </summary>
public sealed unsafe class DotProductTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<KernelPath, bool> Paths() => KernelChoices.SupportedSimd();

    [Theory]
    [MemberData(nameof(Paths))]
    public void Matrix_products_match_the_scalar_reference_for_every_weight_type(KernelPath path, bool vnni)
    {
        var kernels = new KernelChoice(path, vnni);
        foreach (var type in new[] { GgmlType.Q4_0, GgmlType.Q8_0, GgmlType.F16, GgmlType.F32 })
        {
            // Column counts with odd block counts and vector tails; token counts that leave tile remainders.
            // F16 / F32 rows may be any length: also columns that leave a scalar tail after the 8- and 16-wide vectors.
            var shapes = new[] { (5, 32, 1), (7, 96, 3), (17, 576, 1), (19, 1536, 11), (3, 608, 9), (16, 64, 8), (24, 96, 4) };
            if (type is GgmlType.F16 or GgmlType.F32) shapes = [.. shapes, (5, 100, 9), (4, 13, 8), (3, 13, 1)];
            foreach (var (rows, columns, tokens) in shapes)
            {
                using var matrix = TestMatrix.Random(type, rows, columns, seed: rows * 31 + columns);
                using var input = TestInput.Random(columns, tokens, seed: columns + tokens);
                var expected = input.Multiply(KernelChoice.Reference, matrix.Matrix);
                var actual = input.Multiply(kernels, matrix.Matrix);
                var magnitude = input.AbsoluteProducts(matrix);
                for (var i = 0; i < expected.Length; i++)
                {
                    var bound = Tolerance * magnitude[i];
                    Assert.True(Math.Abs(expected[i] - actual[i]) <= bound,
                        $"{type} {rows}x{columns}, {tokens} tokens, output {i}: {actual[i]} vs reference {expected[i]} (bound {bound:E2})");
                }
            }
        }
    }

    [Fact]
    public void The_scalar_reference_equals_a_float64_dot_of_the_dequantized_weights_and_activations()
    {
        foreach (var type in new[] { GgmlType.Q4_0, GgmlType.Q8_0, GgmlType.F16, GgmlType.F32 })
        {
            using var matrix = TestMatrix.Random(type, 4, 128, seed: 9);
            using var input = TestInput.Random(128, 2, seed: 4);
            var actual = input.Multiply(KernelChoice.Reference, matrix.Matrix);
            for (var t = 0; t < 2; t++)
            {
                var x = matrix.Matrix.NeedsQ8Input ? input.DequantizedQ8(t) : input.Row(t);
                for (var r = 0; r < 4; r++)
                {
                    var w = matrix.DequantizedRow(r);
                    var expected = w.Select((v, i) => (double)v * x[i]).Sum();
                    Assert.Equal(expected, actual[t * 4 + r], 1e-4);
                }
            }
        }
    }
}

/// <summary>A weight matrix in native memory filled with random values quantized by the reference codecs.</summary>
internal sealed unsafe class TestMatrix : IDisposable
{
    private readonly NativeBuffer<byte> _data;

    private TestMatrix(GgmlType type, int rows, int columns, NativeBuffer<byte> data)
    {
        _data = data;
        Matrix = new WeightMatrix(type, data.Pointer, rows, columns);
    }

    public WeightMatrix Matrix { get; }

    public static TestMatrix Random(GgmlType type, int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, rows * columns).Select(_ => (random.NextSingle() - 0.5f) * 0.1f).ToArray();
        var probe = new WeightMatrix(type, (byte*)1, rows, columns);
        var data = new NativeBuffer<byte>(probe.Bytes);
        type.Codec().Quantize(values, data.AsSpan());
        return new TestMatrix(type, rows, columns, data);
    }

    public float[] DequantizedRow(int row)
    {
        var values = new float[Matrix.Columns];
        Matrix.Type.Codec().Dequantize(new ReadOnlySpan<byte>(Matrix.Row(row), (int)Matrix.RowBytes), values);
        return values;
    }

    public void Dispose() => _data.Dispose();
}

/// <summary>A batch of activation rows, in F32 and quantized to Q8_0.</summary>
internal sealed unsafe class TestInput : IDisposable
{
    private readonly NativeBuffer<float> _values;
    // Null when the row length is not whole Q8_0 blocks (only F16 / F32 matrices take such inputs).
    private readonly Q8Activations? _quantized;

    private TestInput(int columns, int tokens, NativeBuffer<float> values)
    {
        Columns = columns;
        Tokens = tokens;
        _values = values;
        if (columns % Q8Activations.BlockSize != 0) return;
        _quantized = new Q8Activations(columns, tokens);
        QuantizeQ8.Rows(KernelChoice.Reference, values.Pointer, columns, _quantized, tokens);
    }

    public int Columns { get; }
    public int Tokens { get; }

    public static TestInput Random(int columns, int tokens, int seed)
    {
        var random = new Random(seed);
        var values = new NativeBuffer<float>((long)columns * tokens);
        for (var i = 0; i < values.Length; i++) values.Pointer[i] = (random.NextSingle() - 0.5f) * 4;
        return new TestInput(columns, tokens, values);
    }

    /// <summary>(tokens, rows) W · x for every token.</summary>
    public float[] Multiply(KernelChoice kernels, WeightMatrix w)
    {
        var output = new float[Tokens * w.Rows];
        fixed (float* y = output)
            MatMul.Run(kernels, w, new MatMulInput(_values.Pointer, Columns, _quantized), Tokens, y, w.Rows, 0, w.Rows, accumulate: false);
        return output;
    }

    /// <summary>Token 0's outputs for rows [rowStart, rowEnd) alone, as one worker of a split multiply computes them (NaN elsewhere).</summary>
    public float[] MultiplyRows(KernelChoice kernels, WeightMatrix w, int rowStart, int rowEnd)
    {
        var output = Enumerable.Repeat(float.NaN, w.Rows).ToArray();
        fixed (float* y = output)
            MatMul.Run(kernels, w, new MatMulInput(_values.Pointer, Columns, _quantized), 1, y, w.Rows, rowStart, rowEnd, accumulate: false);
        return output;
    }

    /// <summary>(tokens, rows) Σ|wᵢxᵢ| with the input each type reads: the scale of the rounding error.</summary>
    public double[] AbsoluteProducts(TestMatrix matrix)
    {
        var w = matrix.Matrix;
        var result = new double[Tokens * w.Rows];
        for (var t = 0; t < Tokens; t++)
        {
            var x = w.NeedsQ8Input ? DequantizedQ8(t) : Row(t);
            for (var r = 0; r < w.Rows; r++) result[t * w.Rows + r] = matrix.DequantizedRow(r).Select((v, i) => Math.Abs((double)v * x[i])).Sum();
        }
        return result;
    }

    public float[] Row(int token) => new ReadOnlySpan<float>(_values.Pointer + (long)token * Columns, Columns).ToArray();

    public float[] DequantizedQ8(int token) =>
        Enumerable.Range(0, Columns).Select(i => _quantized!.TokenValues(token)[i] * _quantized.TokenScales(token)[i / 32]).ToArray();

    public void Dispose()
    {
        _values.Dispose();
        _quantized?.Dispose();
    }
}
