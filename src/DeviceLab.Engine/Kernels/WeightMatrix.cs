using System.Runtime.CompilerServices;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// A weight matrix for y = W·x as GGUF stores it: <see cref="Rows"/> outputs, each row the
/// <see cref="Columns"/> input weights of one output, contiguous, rows back to back. The data is not owned:
/// it points into the memory-mapped model file (or, in tests, into a native buffer).
/// </summary>
internal readonly unsafe struct WeightMatrix
{
    public WeightMatrix(GgmlType type, byte* data, int rows, int columns)
    {
        if (rows <= 0 || columns <= 0)
            throw new ArgumentException($"a weight matrix needs positive dimensions, got {columns} x {rows}");
        RowBytes = type switch
        {
            GgmlType.F32 => columns * 4L,
            GgmlType.F16 => columns * 2L,
            GgmlType.Q8_0 when columns % 32 == 0 => columns / 32 * (long)DotQ8_0.BlockBytes,
            GgmlType.Q4_0 when columns % 32 == 0 => columns / 32 * (long)DotQ4_0.BlockBytes,
            GgmlType.Q8_0 or GgmlType.Q4_0 => throw new ArgumentException($"a {type} row must be a multiple of 32 elements, got {columns}"),
            _ => throw new NotSupportedException($"the engine cannot multiply {type} weights (it computes with F32, F16, Q8_0 and Q4_0)"),
        };
        Type = type;
        Data = data;
        Rows = rows;
        Columns = columns;
    }

    public GgmlType Type { get; }
    public byte* Data { get; }

    /// <summary>Outputs (n_out).</summary>
    public int Rows { get; }

    /// <summary>Inputs per row (n_in), the contiguous dimension.</summary>
    public int Columns { get; }

    public long RowBytes { get; }
    public long Bytes => RowBytes * Rows;

    /// <summary>Whether this matrix multiplies against Q8_0-quantized activations.</summary>
    public bool NeedsQ8Input => Type is GgmlType.Q8_0 or GgmlType.Q4_0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Row(int row) => Data + row * RowBytes;
}
