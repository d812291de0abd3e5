using System.Runtime.CompilerServices;
using System.Text;

namespace DeviceLab.Engine.Gguf;

/// <summary>
/// Reads little-endian GGUF primitives from mapped memory. Every read is checked against the
/// bytes left, so a lying header ends in a <see cref="GgufFormatException"/>, never in a read past
/// the mapping or an allocation larger than the file.
/// </summary>
internal sealed unsafe class GgufCursor(byte* start, long length)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public long Position { get; private set; }

    public long Length => length;

    public long Remaining => length - Position;

    public byte ReadUInt8(string what) => *Take(1, what);
    public sbyte ReadInt8(string what) => (sbyte)*Take(1, what);
    public ushort ReadUInt16(string what) => Unsafe.ReadUnaligned<ushort>(Take(2, what));
    public short ReadInt16(string what) => Unsafe.ReadUnaligned<short>(Take(2, what));
    public uint ReadUInt32(string what) => Unsafe.ReadUnaligned<uint>(Take(4, what));
    public int ReadInt32(string what) => Unsafe.ReadUnaligned<int>(Take(4, what));
    public ulong ReadUInt64(string what) => Unsafe.ReadUnaligned<ulong>(Take(8, what));
    public long ReadInt64(string what) => Unsafe.ReadUnaligned<long>(Take(8, what));
    public float ReadFloat32(string what) => Unsafe.ReadUnaligned<float>(Take(4, what));
    public double ReadFloat64(string what) => Unsafe.ReadUnaligned<double>(Take(8, what));

    public bool ReadBool(string what)
    {
        var b = ReadUInt8(what);
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw new GgufFormatException($"{what} is a bool with invalid byte value {b} at offset {Position - 1}"),
        };
    }

    /// <summary>A length-prefixed UTF-8 string of at most <paramref name="maxBytes"/> bytes.</summary>
    public string ReadString(string what, long maxBytes = long.MaxValue)
    {
        var lengthOffset = Position;
        var byteLength = ReadUInt64($"{what} length");
        if (byteLength > (ulong)Remaining)
            throw new GgufFormatException(
                $"file is truncated or corrupt: {what} at offset {lengthOffset} claims {byteLength} bytes, but only {Remaining} remain");
        if (byteLength > (ulong)maxBytes)
            throw new GgufFormatException($"{what} is {byteLength} bytes long (at most {maxBytes} allowed)");
        var bytes = Take((long)byteLength, what);
        return Utf8.GetString(bytes, (int)byteLength);
    }

    /// <summary>Copies <paramref name="count"/> packed elements into a new array (count already bounded by the caller).</summary>
    public T[] ReadArray<T>(long count, string what) where T : unmanaged
    {
        var bytes = checked(count * sizeof(T));
        var source = Take(bytes, what);
        var result = new T[count];
        new ReadOnlySpan<T>(source, (int)count).CopyTo(result);
        return result;
    }

    public void Skip(long bytes, string what) => Take(bytes, what);

    private byte* Take(long bytes, string what)
    {
        if (bytes > Remaining)
            throw new GgufFormatException(
                $"file is truncated: reading {what} at offset {Position} needs {bytes} bytes, but only {Remaining} remain (file is {length} bytes)");
        var p = start + Position;
        Position += bytes;
        return p;
    }
}
