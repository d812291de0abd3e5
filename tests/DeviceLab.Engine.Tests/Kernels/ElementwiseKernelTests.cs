using DeviceLab.Engine.Kernels;

namespace DeviceLab.Engine.Tests.Kernels;

/// <summary>
/// RMSNorm, SwiGLU, softmax, axpy and attention on every SIMD path against the scalar reference.
/// Bounds: 1e-6 relative for sums and products (summation order only); 1e-5 for anything through exp
/// (the vector exp is within a few ulp of MathF.Exp).
/// </summary>
public sealed unsafe class ElementwiseKernelTests
{
    public static TheoryData<KernelPath, bool> Paths() => KernelChoices.SupportedSimd();

    [Theory]
    [MemberData(nameof(Paths))]
    public void RmsNorm_matches_the_reference(KernelPath path, bool vnni)
    {
        foreach (var n in new[] { 7, 64, 576, 1000 })
        {
            var x = Random(n, 1, 4f);
            var weight = Random(n, 2, 2f);
            var expected = new float[n];
            var actual = new float[n];
            fixed (float* xp = x, wp = weight, e = expected, a = actual)
            {
                RmsNorm.Run(KernelChoice.Reference, xp, wp, e, n, 1e-5f);
                RmsNorm.Run(new KernelChoice(path, vnni), xp, wp, a, n, 1e-5f);
            }
            AssertClose(expected, actual, 1e-6);
            var rms = Math.Sqrt(x.Average(v => (double)v * v) + 1e-5);
            Assert.Equal(x[3] / rms * weight[3], expected[3], 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void SwiGlu_matches_the_reference(KernelPath path, bool vnni)
    {
        foreach (var n in new[] { 5, 192, 1536 })
        {
            var gate = Random(n, 3, 20f);
            var up = Random(n, 4, 3f);
            var expected = (float[])gate.Clone();
            var actual = (float[])gate.Clone();
            fixed (float* e = expected, a = actual, u = up)
            {
                SwiGlu.Run(KernelChoice.Reference, e, u, n);
                SwiGlu.Run(new KernelChoice(path, vnni), a, u, n);
            }
            AssertClose(expected, actual, 1e-5);
            Assert.Equal(gate[1] / (1 + Math.Exp(-gate[1])) * up[1], expected[1], 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Softmax_matches_the_reference_and_sums_to_one(KernelPath path, bool vnni)
    {
        foreach (var n in new[] { 1, 3, 17, 200 })
        {
            var x = Random(n, 5, 30f);
            var expected = (float[])x.Clone();
            var actual = (float[])x.Clone();
            fixed (float* e = expected, a = actual)
            {
                Softmax.Run(KernelChoice.Reference, e, n);
                Softmax.Run(new KernelChoice(path, vnni), a, n);
            }
            AssertClose(expected, actual, 1e-5);
            Assert.Equal(1.0, actual.Sum(v => (double)v), 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Attention_over_f16_and_f32_caches_matches_the_reference(KernelPath path, bool vnni)
    {
        const int headDim = 64, positions = 37;
        var q = Random(headDim, 6, 1f);
        var keys = Random(positions * headDim * 3, 7, 1f);   // rows of 3 heads: the head sits at an offset in each row
        var values = Random(positions * headDim * 3, 8, 1f);
        var keyHalves = keys.Select(v => BitConverter.HalfToUInt16Bits((Half)v)).ToArray();
        var valueHalves = values.Select(v => BitConverter.HalfToUInt16Bits((Half)v)).ToArray();
        foreach (var half in new[] { false, true })
        {
            var expected = new float[headDim];
            var actual = new float[headDim];
            var scores = new float[positions];
            fixed (float* qp = q, kf = keys, vf = values, e = expected, a = actual, s = scores)
            fixed (ushort* kh = keyHalves, vh = valueHalves)
            {
                var elementBytes = half ? 2 : 4;
                var k = (half ? (byte*)kh : (byte*)kf) + headDim * elementBytes;
                var v = (half ? (byte*)vh : (byte*)vf) + headDim * elementBytes;
                Attention.Head(KernelChoice.Reference, qp, k, v, half, 3L * headDim * elementBytes, positions, headDim, 0.125f, s, e);
                Attention.Head(new KernelChoice(path, vnni), qp, k, v, half, 3L * headDim * elementBytes, positions, headDim, 0.125f, s, a);
            }
            AssertClose(expected, actual, 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Grouped_attention_equals_attention_head_by_head_on_the_reference_path(KernelPath path, bool vnni)
    {
        foreach (var (headDim, group, positions) in new[] { (64, 3, 41), (16, 2, 5), (128, 1, 9), (48, 4, 12), (32, 8, 1) })
        {
            var q = Random(group * headDim, 10, 1f);
            var keys = Random(positions * headDim * 2, 11, 1f);   // rows of 2 kv heads; this group reads the second
            var values = Random(positions * headDim * 2, 12, 1f);
            var keyHalves = keys.Select(v => BitConverter.HalfToUInt16Bits((Half)v)).ToArray();
            var valueHalves = values.Select(v => BitConverter.HalfToUInt16Bits((Half)v)).ToArray();
            foreach (var half in new[] { false, true })
            {
                var expected = new float[group * headDim];
                var actual = new float[group * headDim];
                var scores = new float[group * positions];
                fixed (float* qp = q, kf = keys, vf = values, e = expected, a = actual, s = scores)
                fixed (ushort* kh = keyHalves, vh = valueHalves)
                {
                    var elementBytes = half ? 2 : 4;
                    var k = (half ? (byte*)kh : (byte*)kf) + headDim * elementBytes;
                    var v = (half ? (byte*)vh : (byte*)vf) + headDim * elementBytes;
                    var rowBytes = 2L * headDim * elementBytes;
                    for (var g = 0; g < group; g++)
                        Attention.Head(KernelChoice.Reference, qp + g * headDim, k, v, half, rowBytes, positions, headDim, 0.2f, s, e + g * headDim);
                    AttentionGroup.Run(new KernelChoice(path, vnni), qp, k, v, half, rowBytes, positions, headDim, group, 0.2f, s, a);
                }
                AssertClose(expected, actual, 1e-5);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Attention_for_a_tile_of_tokens_equals_each_token_attending_on_its_own(KernelPath path, bool vnni)
    {
        foreach (var (headDim, group, firstPosition, tokens) in new[] { (64, 3, 37, 8), (64, 2, 0, 5), (64, 1, 70, 1), (32, 2, 10, 3) })
        {
            var span = firstPosition + tokens;
            var qStride = group * headDim + 8; // queries of consecutive tokens are a row apart, with other heads between
            var q = Random(tokens * qStride, 13, 1f);
            var keys = Random(span * headDim, 14, 1f);
            var values = Random(span * headDim, 15, 1f);
            var keyHalves = keys.Select(v => BitConverter.HalfToUInt16Bits((Half)v)).ToArray();
            var valueHalves = values.Select(v => BitConverter.HalfToUInt16Bits((Half)v)).ToArray();
            foreach (var half in new[] { false, true })
            {
                var expected = new float[tokens * qStride];
                var actual = new float[tokens * qStride];
                var scores = new float[tokens * group * span];
                fixed (float* qp = q, kf = keys, vf = values, e = expected, a = actual, s = scores)
                fixed (ushort* kh = keyHalves, vh = valueHalves)
                {
                    var k = half ? (byte*)kh : (byte*)kf;
                    var v = half ? (byte*)vh : (byte*)vf;
                    var rowBytes = (long)headDim * (half ? 2 : 4);
                    for (var i = 0; i < tokens; i++)
                        for (var g = 0; g < group; g++)
                            Attention.Head(KernelChoice.Reference, qp + i * qStride + g * headDim, k, v, half, rowBytes, firstPosition + i + 1, headDim, 0.3f, s, e + i * qStride + g * headDim);
                    AttentionGroup.RunTokens(new KernelChoice(path, vnni), qp, qStride, k, v, half, rowBytes, firstPosition, tokens, headDim, group, 0.3f, s, a, qStride);
                }
                for (var i = 0; i < tokens; i++)
                    AssertClose(expected.AsSpan(i * qStride, group * headDim).ToArray(), actual.AsSpan(i * qStride, group * headDim).ToArray(), 1e-5);
            }
        }
    }

    [Fact]
    public void Rope_rotates_adjacent_pairs_by_position_times_the_inverse_frequency()
    {
        const int headDim = 8;
        var x = Random(2 * headDim, 9, 1f);
        var rotated = (float[])x.Clone();
        var cos = new float[headDim / 2];
        var sin = new float[headDim / 2];
        fixed (float* r = rotated, c = cos, s = sin)
        {
            Rope.Angles(5, headDim, 10000f, c, s);
            Rope.Apply(r, 2, headDim, headDim, c, s);
        }
        for (var head = 0; head < 2; head++)
        {
            for (var i = 0; i < headDim / 2; i++)
            {
                var angle = 5 * Math.Pow(10000, -2.0 * i / headDim);
                int a = head * headDim + 2 * i, b = a + 1;
                Assert.Equal(x[a] * Math.Cos(angle) - x[b] * Math.Sin(angle), rotated[a], 1e-6);
                Assert.Equal(x[a] * Math.Sin(angle) + x[b] * Math.Cos(angle), rotated[b], 1e-6);
            }
        }
    }

    private static float[] Random(int n, int seed, float scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (random.NextSingle() - 0.5f) * scale).ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual, double relative)
    {
        var scale = Math.Max(1e-30, expected.Max(v => Math.Abs(v)));
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale, $"element {i}: {actual[i]} vs reference {expected[i]}");
    }
}
