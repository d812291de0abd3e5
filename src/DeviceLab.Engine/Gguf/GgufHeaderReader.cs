using System.Buffers.Binary;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Gguf;

/// <summary>
/// Parses and validates a GGUF header from mapped memory. Counts are bounded by the bytes left
/// before anything is allocated; every problem is a <see cref="GgufFormatException"/> that names it.
/// </summary>
internal static class GgufHeaderReader
{
    // The smallest encodings: a metadata entry is key length (8) + type (4) + a 1-byte value;
    // a tensor info is name length (8) + n_dims (4) + one dimension (8) + type (4) + offset (8).
    private const int MinMetadataEntryBytes = 13;
    private const int MinTensorInfoBytes = 32;
    private const int FixedHeaderBytes = 24;

    public static unsafe GgufHeader Read(byte* start, long length)
    {
        if (length == 0) throw new GgufFormatException("file is empty (0 bytes); a GGUF file starts with the magic 'GGUF'");
        CheckMagic(new ReadOnlySpan<byte>(start, (int)Math.Min(length, 4)));
        var cursor = new GgufCursor(start, length);
        cursor.Skip(4, "magic");
        var version = ReadVersion(cursor);
        var tensorCount = cursor.ReadUInt64("tensor count");
        var metadataCount = cursor.ReadUInt64("metadata count");
        CheckCounts(cursor, tensorCount, metadataCount);

        var metadata = ReadMetadata(cursor, (long)metadataCount);
        var alignment = ReadAlignment(metadata);
        var specs = ReadTensorInfos(cursor, (long)tensorCount, alignment);
        var dataOffset = GgufLimits.AlignUp(cursor.Position, alignment);
        var tensors = PlaceTensors(specs, dataOffset, length);
        return new GgufHeader(version, metadata, tensors, alignment, dataOffset);
    }

    private static void CheckMagic(ReadOnlySpan<byte> magic)
    {
        if (magic.Length < 4 && "GGUF"u8.StartsWith(magic))
            throw new GgufFormatException($"file is truncated: {magic.Length} bytes, too short to hold the GGUF header");
        if (magic.Length < 4 || !magic.SequenceEqual("GGUF"u8))
        {
            var shown = Convert.ToHexString(magic);
            throw new GgufFormatException($"not a GGUF file: the magic bytes are 0x{shown}, expected 'GGUF' (0x47475546)");
        }
    }

    private static uint ReadVersion(GgufCursor cursor)
    {
        var version = cursor.ReadUInt32("version");
        if (version is 2 or 3) return version;
        var swapped = BinaryPrimitives.ReverseEndianness(version);
        if (swapped is 2 or 3)
            throw new GgufFormatException($"GGUF version field reads {version}: this is a big-endian GGUF file (version {swapped}), which is not supported");
        throw new GgufFormatException($"unsupported GGUF version {version} (this reader supports versions 2 and 3)");
    }

    private static void CheckCounts(GgufCursor cursor, ulong tensorCount, ulong metadataCount)
    {
        var remaining = (ulong)cursor.Remaining;
        if (metadataCount > remaining / MinMetadataEntryBytes)
            throw new GgufFormatException(
                $"file is truncated or corrupt: metadata count {metadataCount} is impossible: the remaining {remaining} bytes hold at most {remaining / MinMetadataEntryBytes} entries");
        if (tensorCount > remaining / MinTensorInfoBytes)
            throw new GgufFormatException(
                $"file is truncated or corrupt: tensor count {tensorCount} is impossible: the remaining {remaining} bytes hold at most {remaining / MinTensorInfoBytes} tensor infos");
        if (metadataCount * MinMetadataEntryBytes + tensorCount * MinTensorInfoBytes > remaining)
            throw new GgufFormatException(
                $"file is truncated: {metadataCount} metadata entries and {tensorCount} tensor infos cannot fit in the remaining {remaining} bytes");
    }

    private static GgufMetadata ReadMetadata(GgufCursor cursor, long count)
    {
        var metadata = new GgufMetadata();
        for (long i = 0; i < count; i++)
        {
            var key = cursor.ReadString($"metadata key #{i}");
            if (key.Length == 0) throw new GgufFormatException($"metadata key #{i} is empty");
            if (metadata.ContainsKey(key)) throw new GgufFormatException($"duplicate metadata key '{key}'");
            var rawType = cursor.ReadUInt32($"type of metadata key '{key}'");
            if (!GgufValueTypes.IsKnown(rawType))
                throw new GgufFormatException($"metadata key '{key}' has unknown value type {rawType}");
            metadata.Add(key, ReadValue(cursor, key, (GgufValueType)rawType));
        }
        return metadata;
    }

    private static GgufValue ReadValue(GgufCursor cursor, string key, GgufValueType type)
    {
        var what = $"value of metadata key '{key}'";
        return type switch
        {
            GgufValueType.UInt8 => GgufValue.UInt8(cursor.ReadUInt8(what)),
            GgufValueType.Int8 => GgufValue.Int8(cursor.ReadInt8(what)),
            GgufValueType.UInt16 => GgufValue.UInt16(cursor.ReadUInt16(what)),
            GgufValueType.Int16 => GgufValue.Int16(cursor.ReadInt16(what)),
            GgufValueType.UInt32 => GgufValue.UInt32(cursor.ReadUInt32(what)),
            GgufValueType.Int32 => GgufValue.Int32(cursor.ReadInt32(what)),
            GgufValueType.Float32 => GgufValue.Float32(cursor.ReadFloat32(what)),
            GgufValueType.Bool => GgufValue.Bool(cursor.ReadBool(what)),
            GgufValueType.String => GgufValue.String(cursor.ReadString(what)),
            GgufValueType.UInt64 => GgufValue.UInt64(cursor.ReadUInt64(what)),
            GgufValueType.Int64 => GgufValue.Int64(cursor.ReadInt64(what)),
            GgufValueType.Float64 => GgufValue.Float64(cursor.ReadFloat64(what)),
            GgufValueType.Array => ReadArray(cursor, key),
            _ => throw new GgufFormatException($"metadata key '{key}' has unknown value type {(uint)type}"),
        };
    }

    private static GgufValue ReadArray(GgufCursor cursor, string key)
    {
        var rawElementType = cursor.ReadUInt32($"element type of array '{key}'");
        if (!GgufValueTypes.IsKnown(rawElementType))
            throw new GgufFormatException($"metadata array '{key}' has unknown element type {rawElementType}");
        var elementType = (GgufValueType)rawElementType;
        if (elementType == GgufValueType.Array)
            throw new GgufFormatException($"metadata key '{key}' is an array of arrays, which is not supported");
        var count = cursor.ReadUInt64($"element count of array '{key}'");
        var minBytes = (ulong)GgufValueTypes.MinimumBytes(elementType);
        if (count > (ulong)cursor.Remaining / minBytes)
            throw new GgufFormatException(
                $"file is truncated or corrupt: metadata array '{key}' claims {count} {GgufValueTypes.Name(elementType)} elements, more than the remaining {cursor.Remaining} bytes can hold");
        if (count > (ulong)Array.MaxLength)
            throw new GgufFormatException($"metadata array '{key}' has {count} elements, more than this reader supports");
        var n = (long)count;
        var what = $"elements of array '{key}'";
        Array values = elementType switch
        {
            GgufValueType.UInt8 => cursor.ReadArray<byte>(n, what),
            GgufValueType.Int8 => cursor.ReadArray<sbyte>(n, what),
            GgufValueType.UInt16 => cursor.ReadArray<ushort>(n, what),
            GgufValueType.Int16 => cursor.ReadArray<short>(n, what),
            GgufValueType.UInt32 => cursor.ReadArray<uint>(n, what),
            GgufValueType.Int32 => cursor.ReadArray<int>(n, what),
            GgufValueType.Float32 => cursor.ReadArray<float>(n, what),
            GgufValueType.UInt64 => cursor.ReadArray<ulong>(n, what),
            GgufValueType.Int64 => cursor.ReadArray<long>(n, what),
            GgufValueType.Float64 => cursor.ReadArray<double>(n, what),
            GgufValueType.Bool => ReadBools(cursor, n, key),
            GgufValueType.String => ReadStrings(cursor, n, key),
            _ => throw new GgufFormatException($"metadata array '{key}' has unsupported element type {rawElementType}"),
        };
        return GgufValue.FromParsedArray(elementType, values);
    }

    private static bool[] ReadBools(GgufCursor cursor, long count, string key)
    {
        var result = new bool[count];
        for (long i = 0; i < count; i++) result[i] = cursor.ReadBool($"element {i} of array '{key}'");
        return result;
    }

    // Grown as strings are actually read: a lying count fails at the first bad string, having
    // allocated only for what the file really holds, not 8 bytes per claimed element up front.
    private static string[] ReadStrings(GgufCursor cursor, long count, string key)
    {
        var result = new List<string>((int)Math.Min(count, 1 << 16));
        for (long i = 0; i < count; i++) result.Add(cursor.ReadString($"element {i} of array '{key}'"));
        return result.ToArray();
    }

    private static int ReadAlignment(GgufMetadata metadata)
    {
        if (!metadata.TryGetValue(GgufLimits.AlignmentKey, out var value)) return GgufLimits.DefaultAlignment;
        if (value.Value is not uint alignment)
            throw new GgufFormatException($"metadata key '{GgufLimits.AlignmentKey}' holds {value.TypeName}, expected u32");
        if (alignment == 0 || (alignment & (alignment - 1)) != 0 || alignment > GgufLimits.MaxAlignment)
            throw new GgufFormatException(
                $"metadata key '{GgufLimits.AlignmentKey}' is {alignment}; it must be a power of two between 1 and {GgufLimits.MaxAlignment}");
        return (int)alignment;
    }

    private sealed record RawTensor(string Name, GgmlType Type, long[] Dimensions, long Offset, long Elements, long Bytes);

    private static List<RawTensor> ReadTensorInfos(GgufCursor cursor, long count, int alignment)
    {
        var tensors = new List<RawTensor>((int)Math.Min(count, 4096));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            var name = ReadTensorName(cursor, i);
            if (!names.Add(name)) throw new GgufFormatException($"duplicate tensor name '{name}'");
            var dimensions = ReadDimensions(cursor, name);
            var rawType = cursor.ReadUInt32($"type of tensor '{name}'");
            if (!GgmlTypes.TryGetTraits(rawType, out var traits))
                throw new GgufFormatException($"tensor '{name}' has unknown ggml type {rawType}");
            var rawOffset = cursor.ReadUInt64($"offset of tensor '{name}'");
            if (rawOffset > long.MaxValue)
                throw new GgufFormatException($"tensor '{name}' offset {rawOffset} is past any possible end of file");
            var offset = (long)rawOffset;
            if (offset % alignment != 0)
                throw new GgufFormatException($"tensor '{name}' offset {offset} is not a multiple of the alignment {alignment}");
            var (elements, bytes) = Measure(name, traits, dimensions);
            tensors.Add(new RawTensor(name, traits.Type, dimensions, offset, elements, bytes));
        }
        return tensors;
    }

    private static string ReadTensorName(GgufCursor cursor, long index)
    {
        var name = cursor.ReadString($"name of tensor #{index}", GgufLimits.MaxTensorNameBytes);
        if (name.Length == 0) throw new GgufFormatException($"tensor #{index} has an empty name");
        return name;
    }

    private static long[] ReadDimensions(GgufCursor cursor, string name)
    {
        var dimensionCount = cursor.ReadUInt32($"dimension count of tensor '{name}'");
        if (dimensionCount is 0 or > GgufLimits.MaxDimensions)
            throw new GgufFormatException(
                $"tensor '{name}' has {dimensionCount} dimensions (1 to {GgufLimits.MaxDimensions} supported)");
        var dimensions = new long[dimensionCount];
        for (var d = 0; d < dimensionCount; d++)
        {
            var size = cursor.ReadUInt64($"dimension {d} of tensor '{name}'");
            if (size == 0 || size > long.MaxValue)
                throw new GgufFormatException($"tensor '{name}' has an absurd size {size} in dimension {d}");
            dimensions[d] = (long)size;
        }
        return dimensions;
    }

    private static (long Elements, long Bytes) Measure(string name, GgmlTypeTraits traits, long[] dimensions)
    {
        if (dimensions[0] % traits.BlockElements != 0)
            throw new GgufFormatException(
                $"tensor '{name}' of type {traits.Name} has rows of {dimensions[0]} elements, not a multiple of its block size {traits.BlockElements}");
        try
        {
            var elements = dimensions.Aggregate(1L, (a, d) => checked(a * d));
            return (elements, traits.TensorBytes(dimensions));
        }
        catch (OverflowException)
        {
            throw new GgufFormatException($"tensor '{name}' has absurd dimensions [{string.Join(", ", dimensions)}]: its size overflows 64 bits");
        }
    }

    private static List<GgufTensorInfo> PlaceTensors(List<RawTensor> raw, long dataOffset, long fileLength)
    {
        if (raw.Count > 0 && dataOffset > fileLength)
            throw new GgufFormatException(
                $"file is truncated: the data section starts at offset {dataOffset}, but the file is {fileLength} bytes");
        var available = fileLength - dataOffset;
        foreach (var t in raw)
        {
            if (t.Offset > available || t.Bytes > available - t.Offset)
                throw new GgufFormatException(
                    $"tensor '{t.Name}' data (bytes {dataOffset + t.Offset}..{dataOffset + t.Offset + t.Bytes}) runs past the end of the file ({fileLength} bytes)");
        }
        var byOffset = raw.OrderBy(t => t.Offset).ToList();
        for (var i = 1; i < byOffset.Count; i++)
        {
            var previous = byOffset[i - 1];
            if (byOffset[i].Offset < previous.Offset + previous.Bytes)
                throw new GgufFormatException($"tensor '{byOffset[i].Name}' data overlaps tensor '{previous.Name}'");
        }
        return raw.Select(t => new GgufTensorInfo(t.Name, t.Type, t.Dimensions, t.Offset, t.Elements, t.Bytes)).ToList();
    }
}
