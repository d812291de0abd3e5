using System.Runtime.Intrinsics;
using DeviceLab.Engine.Kernels;

namespace DeviceLab.Engine.Tests.Kernels;

public sealed class HalfBitsTests
{
    [Fact]
    public void Every_finite_half_converts_exactly_by_the_bit_trick_at_every_width()
    {
        var halves = Enumerable.Range(0, 65536).Select(i => (ushort)i)
            .Where(h => (h & 0x7C00) != 0x7C00) // inf and NaN never occur in weights or a finite cache
            .ToArray();
        foreach (var h in halves)
        {
            var expected = (float)BitConverter.UInt16BitsToHalf(h);
            Assert.Equal(expected, HalfBits.ToSingle(h));
            var signExtended = (int)(short)h;
            Assert.Equal(expected, HalfBits.ToSingle(Vector128.Create(signExtended)).GetElement(0));
            Assert.Equal(expected, HalfBits.ToSingle(Vector256.Create(signExtended)).GetElement(3));
            Assert.Equal(expected, HalfBits.ToSingle(Vector512.Create(signExtended)).GetElement(15));
        }
    }

    [Fact]
    public void The_scale_table_holds_every_half_as_System_Half_converts_it_infinities_and_NaNs_included()
    {
        var table = HalfTable.Shared;
        for (var i = 0; i < 65536; i++)
        {
            var h = (ushort)i;
            Assert.Equal((float)BitConverter.UInt16BitsToHalf(h), table[h]);
        }
    }

    [Fact]
    public void Rounding_to_half_and_back_matches_System_Half_including_ties_subnormals_and_overflow()
    {
        var random = new Random(6);
        var samples = Enumerable.Range(0, 200_000).Select(_ => BitConverter.Int32BitsToSingle(random.Next()) * (random.Next(2) == 0 ? 1 : -1))
            .Where(float.IsFinite)
            .Concat([0f, -0f, 65504f, 65519.99f, 65520f, -65520f, 1e6f, 6.1035156e-05f, 6.1e-05f, 6.1034e-05f, 5.96e-08f, 2.98e-08f,
                1.0009766f, 1.00048828125f, 1.00146484375f, 1.9995117f, 2047.9999f]);
        foreach (var value in samples)
            Assert.Equal((float)(Half)value, HalfBits.RoundToHalf(value));
    }

    [Fact]
    public unsafe void Converting_a_row_to_halves_matches_System_Half_whether_or_not_vectors_hold_special_values()
    {
        var random = new Random(8);
        var values = Enumerable.Range(0, 1000).Select(i => i switch
        {
            < 500 => (random.NextSingle() - 0.5f) * 100,             // normal halves: vector path
            < 510 => 0f,
            < 520 => -0f,
            < 530 => 1e-6f * (random.NextSingle() - 0.5f),            // subnormal halves: element path
            < 540 => 70000f * (random.Next(2) * 2 - 1),               // overflow to infinity
            _ => BitConverter.Int32BitsToSingle(random.Next()) is var f && float.IsFinite(f) ? f : 1f,
        }).ToArray();
        var halves = new ushort[values.Length];
        fixed (float* source = values)
        fixed (ushort* destination = halves)
            HalfBits.FromSingle(source, destination, values.Length);
        for (var i = 0; i < values.Length; i++) Assert.Equal(BitConverter.HalfToUInt16Bits((Half)values[i]), halves[i]);
    }

    [Fact]
    public void Float_to_half_rounds_like_System_Half_including_ties_subnormals_and_overflow()
    {
        var random = new Random(5);
        var samples = Enumerable.Range(0, 200_000).Select(_ => BitConverter.Int32BitsToSingle(random.Next()) * (random.Next(2) == 0 ? 1 : -1))
            .Where(float.IsFinite)
            .Concat([0f, -0f, 65504f, 65519.99f, 65520f, 1e6f, 6.1035156e-05f, 6.1e-05f, 5.96e-08f, 2.98e-08f, 1.0009766f, 1.00048828125f, 1.00146484375f]);
        foreach (var value in samples)
            Assert.Equal(BitConverter.HalfToUInt16Bits((Half)value), HalfBits.FromSingle(value));
    }
}
