using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Gguf;

/// <summary>
/// One tensor as described in a GGUF header. <see cref="Dimensions"/> lists sizes with the
/// contiguous one first: a weight used as y = W·x has <c>[n_in, n_out]</c>, one row per output.
/// </summary>
public sealed class GgufTensorInfo
{
    internal GgufTensorInfo(string name, GgmlType type, long[] dimensions, long offset, long elementCount, long byteSize)
    {
        Name = name;
        Type = type;
        Dimensions = dimensions;
        Offset = offset;
        ElementCount = elementCount;
        ByteSize = byteSize;
    }

    public string Name { get; }

    public GgmlType Type { get; }

    /// <summary>Sizes, first one contiguous. Do not modify.</summary>
    public long[] Dimensions { get; }

    /// <summary>Offset of the data in bytes, relative to the start of the data section.</summary>
    public long Offset { get; }

    public long ElementCount { get; }

    /// <summary>Bytes of data (without alignment padding).</summary>
    public long ByteSize { get; }

    /// <summary>Elements per row: the first (contiguous) dimension.</summary>
    public long RowLength => Dimensions[0];

    /// <summary>Number of rows: the product of every dimension after the first.</summary>
    public long RowCount => ElementCount / Dimensions[0];

    /// <summary>Bytes of one row.</summary>
    public long RowBytes => ByteSize / RowCount;

    /// <summary>"[576, 49152]".</summary>
    public string ShapeText => "[" + string.Join(", ", Dimensions) + "]";

    public override string ToString() => $"{Name} {GgmlTypes.NameOf(Type)} {ShapeText}";
}
