using System.Buffers;
using System.Buffers.Binary;

namespace DeviceLab.VirtualDevice.Services.Shell;

/// <summary>
/// Shell protocol v2 framing: 1-byte id, 4-byte little-endian length, data. Packets cross read
/// boundaries freely, so they are parsed from a byte sequence.
/// </summary>
internal static class ShellPacket
{
    public const int HeaderBytes = 5;
    public const byte Stdin = 0, Stdout = 1, Stderr = 2, Exit = 3, CloseStdin = 4, WindowSize = 5;

    /// <summary>Takes one whole packet off the front of <paramref name="buffer"/>, if it holds one.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out byte id, out ReadOnlySequence<byte> data)
    {
        id = 0;
        data = default;
        if (buffer.Length < HeaderBytes) return false;
        Span<byte> header = stackalloc byte[HeaderBytes];
        buffer.Slice(0, HeaderBytes).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header[1..]);
        if (buffer.Length - HeaderBytes < length) return false;
        id = header[0];
        data = buffer.Slice(HeaderBytes, length);
        buffer = buffer.Slice(data.End);
        return true;
    }

    public static void WriteHeader(Span<byte> destination, byte id, int lengthBytes)
    {
        destination[0] = id;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], (uint)lengthBytes);
    }
}
