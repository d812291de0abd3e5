namespace DeviceLab.Engine.Tensors;

/// <summary>
/// The storage layout of one ggml type: how many elements a block holds and how many bytes it takes.
/// Non-block types (F32, F16, BF16) are blocks of one element.
/// </summary>
/// <param name="Type">The ggml type id.</param>
/// <param name="Name">The lower-case name ggml and llama.cpp use ("q8_0").</param>
/// <param name="BlockElements">Elements per block; a row must hold a whole number of blocks.</param>
/// <param name="BlockBytes">Bytes per block.</param>
/// <param name="CanCompute">Whether this engine can dequantize and compute with the type.</param>
public sealed record GgmlTypeTraits(GgmlType Type, string Name, int BlockElements, int BlockBytes, bool CanCompute)
{
    /// <summary>Converts rows to and from float32; null for types the engine does not handle yet.</summary>
    public IRowCodec? Codec { get; init; }

    /// <summary>True for block-quantized types (block size above one element).</summary>
    public bool IsQuantized => BlockElements > 1;

    /// <summary>Bytes one row of <paramref name="rowElements"/> elements takes.</summary>
    /// <exception cref="ArgumentException">The row is not a whole number of blocks, or not positive.</exception>
    public long RowBytes(long rowElements)
    {
        if (rowElements <= 0)
            throw new ArgumentException($"a {Name} row needs a positive length, got {rowElements}", nameof(rowElements));
        if (rowElements % BlockElements != 0)
            throw new ArgumentException(
                $"a {Name} row must be a multiple of {BlockElements} elements, got {rowElements}", nameof(rowElements));
        return checked(rowElements / BlockElements * BlockBytes);
    }

    /// <summary>True when a row of this length can be stored in this type.</summary>
    public bool FitsRow(long rowElements) => rowElements > 0 && rowElements % BlockElements == 0;

    /// <summary>Bytes a tensor of the given dimensions (first contiguous) takes.</summary>
    /// <exception cref="ArgumentException">Bad row length.</exception>
    /// <exception cref="OverflowException">The size does not fit in 64 bits.</exception>
    public long TensorBytes(ReadOnlySpan<long> dimensions)
    {
        if (dimensions.Length == 0) throw new ArgumentException("a tensor needs at least one dimension", nameof(dimensions));
        var bytes = RowBytes(dimensions[0]);
        for (var i = 1; i < dimensions.Length; i++)
        {
            if (dimensions[i] <= 0)
                throw new ArgumentException($"dimension {i} must be positive, got {dimensions[i]}", nameof(dimensions));
            bytes = checked(bytes * dimensions[i]);
        }
        return bytes;
    }
}
