using DeviceLab.Engine.Kernels;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Kernels;

/// <summary>Activation quantization must produce exactly the reference quantizer's Q8_0 blocks on every path.</summary>
public sealed unsafe class QuantizeQ8Tests
{
    public static TheoryData<KernelPath, bool> Paths() => KernelChoices.Supported();

    [Theory]
    [MemberData(nameof(Paths))]
    public void Blocks_are_byte_identical_to_the_reference_quantizer(KernelPath path, bool vnni)
    {
        var kernels = new KernelChoice(path, vnni);
        foreach (var values in Vectors())
        {
            using var activations = new Q8Activations(values.Length, 1);
            fixed (float* x = values) QuantizeQ8.Row(kernels, x, activations, 0);
            var reference = new byte[values.Length / 32 * Q8_0Codec.BlockBytes];
            Q8_0Codec.Instance.Quantize(values, reference);
            for (var b = 0; b < values.Length / 32; b++)
            {
                var block = reference.AsSpan(b * Q8_0Codec.BlockBytes, Q8_0Codec.BlockBytes);
                Assert.Equal(HalfConversion.FromHalfBits(BitConverter.ToUInt16(block)), activations.Scales[b]);
                var quantized = new ReadOnlySpan<sbyte>(activations.Values + b * 32, 32);
                Assert.Equal(block[2..].ToArray().Select(v => (sbyte)v), quantized.ToArray());
                var sum = quantized.ToArray().Sum(v => v);
                Assert.Equal(-sum, activations.BiasQ4[b]);
                Assert.Equal(-16 * sum, activations.BiasQ8[b]);
                for (var lane = 0; lane < 8; lane++)
                {
                    Assert.Equal(activations.Scales[b], activations.ScaleLanes[b * 8 + lane]);
                    Assert.Equal(-activations.Scales[b] * sum, activations.OffsetQ4Lanes[b * 8 + lane]);
                }
            }
        }
    }

    /// <summary>Random rows, plus blocks that hit the reference's edge cases: ties at .5, zeros, a negative maximum.</summary>
    private static IEnumerable<float[]> Vectors()
    {
        var random = new Random(3);
        yield return Enumerable.Range(0, 96).Select(_ => (random.NextSingle() - 0.5f) * 8).ToArray();
        yield return new float[32];
        // amax 127 makes d = 1 and x·(1/d) = x: halves round away from zero (2.5 → 3, −2.5 → −3).
        yield return Enumerable.Range(0, 32).Select(i => i == 0 ? -127f : (i % 2 == 0 ? 1 : -1) * (i + 0.5f)).ToArray();
        yield return Enumerable.Range(0, 64).Select(i => i < 32 ? 0f : -(i - 31) * 0.01f).ToArray();
        yield return Enumerable.Range(0, 32).Select(i => i == 7 ? 1e-30f : 0f).ToArray();
    }
}
