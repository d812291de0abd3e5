using DeviceLab.Engine.Kernels;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Kernels;

/// <summary>
/// Decode multiplies rows r and r + half of a worker's range together (ADR 0038, 0136), and the ranges depend on the
/// thread count. On the 256-bit paths a paired row accumulates exactly as the one-row kernel does, so a row's output
/// is the same float whichever range it falls in: 1 thread and 2 threads give the same tokens bit for bit.
/// </summary>
public sealed class RowPairTests
{
    public static TheoryData<KernelPath, bool> Paths()
    {
        var data = new TheoryData<KernelPath, bool>();
        foreach (var vnni in new[] { false, true })
            if (KernelChoice.IsSupported(new KernelChoice(KernelPath.Avx2, vnni), out _)) data.Add(KernelPath.Avx2, vnni);
        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_row_gives_the_same_bits_paired_or_alone_on_the_256_bit_path(KernelPath path, bool vnni)
    {
        var kernels = new KernelChoice(path, vnni);
        foreach (var type in new[] { GgmlType.Q4_0, GgmlType.Q8_0, GgmlType.F16 })
        {
            // 608 columns: an odd block count (19) and a 16-column vector tail after the 32-column steps.
            using var matrix = TestMatrix.Random(type, rows: 9, columns: 608, seed: 5);
            using var input = TestInput.Random(608, 1, seed: 6);
            var paired = input.MultiplyRows(kernels, matrix.Matrix, 0, 9);
            for (var r = 0; r < 9; r++)
            {
                var alone = input.MultiplyRows(kernels, matrix.Matrix, r, r + 1)[r];
                Assert.True(BitConverter.SingleToInt32Bits(alone) == BitConverter.SingleToInt32Bits(paired[r]),
                    $"{kernels} {type} row {r}: {paired[r]:R} in a range of 9 rows, {alone:R} alone");
            }
        }
    }
}
