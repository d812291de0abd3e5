using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Gguf;

/// <summary>A tensor to be written: its name, type and dimensions (first contiguous).</summary>
public sealed record GgufTensorSpec(string Name, GgmlType Type, long[] Dimensions)
{
    public long ElementCount => Dimensions.Aggregate(1L, (a, d) => checked(a * d));

    /// <summary>Bytes of data; throws <see cref="ArgumentException"/> when the row length does not fit the type.</summary>
    public long ByteSize => Type.Traits().TensorBytes(Dimensions);
}
