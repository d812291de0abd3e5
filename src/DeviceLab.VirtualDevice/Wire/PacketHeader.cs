using System.Buffers.Binary;
using System.Numerics;

namespace DeviceLab.VirtualDevice.Wire;

/// <summary>
/// The 24-byte header in front of every wire packet: command, two arguments, payload length,
/// payload checksum and magic (command XOR 0xFFFFFFFF), all little-endian uint32.
/// </summary>
internal readonly record struct PacketHeader(uint Command, uint Arg0, uint Arg1, uint DataLength, uint DataChecksum, uint Magic)
{
    public const int SizeBytes = 24;

    /// <summary>A header for a payload; the checksum is computed only when the peer still expects one.</summary>
    public static PacketHeader Create(uint command, uint arg0, uint arg1, ReadOnlySpan<byte> payload, bool withChecksum) =>
        new(command, arg0, arg1, (uint)payload.Length, withChecksum ? Checksum(payload) : 0, ~command);

    /// <summary>A header for a payload held in a sequence (e.g. straight from a pipe).</summary>
    public static PacketHeader Create(uint command, uint arg0, uint arg1, in System.Buffers.ReadOnlySequence<byte> payload, bool withChecksum)
    {
        uint checksum = 0;
        if (withChecksum)
        {
            foreach (var segment in payload) checksum += Checksum(segment.Span);
        }
        return new(command, arg0, arg1, (uint)payload.Length, checksum, ~command);
    }

    /// <summary>True when the magic matches the command, the first sanity check on every packet.</summary>
    public bool HasValidMagic => Magic == ~Command;

    public static PacketHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < SizeBytes) throw new ArgumentException($"a packet header needs {SizeBytes} bytes, got {source.Length}", nameof(source));
        return new(
            BinaryPrimitives.ReadUInt32LittleEndian(source),
            BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[16..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[20..]));
    }

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Command);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Arg0);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Arg1);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], DataLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], DataChecksum);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], Magic);
    }

    /// <summary>The legacy payload checksum: the sum of all payload bytes, modulo 2^32.</summary>
    public static uint Checksum(ReadOnlySpan<byte> payload)
    {
        uint sum = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && payload.Length >= Vector<byte>.Count)
        {
            // Widen bytes to uint lanes in blocks; each lane stays far below overflow per block.
            var accumulator = Vector<uint>.Zero;
            for (; i <= payload.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                var bytes = new Vector<byte>(payload[i..]);
                Vector.Widen(bytes, out var low16, out var high16);
                Vector.Widen(low16, out var a, out var b);
                Vector.Widen(high16, out var c, out var d);
                accumulator += a + b + c + d;
            }
            sum = Vector.Sum(accumulator);
        }
        for (; i < payload.Length; i++) sum += payload[i];
        return sum;
    }

    public override string ToString() =>
        $"{AdbCommand.Name(Command)}({Arg0}, {Arg1}, {DataLength} bytes)";
}
