using System.Buffers;
using DeviceLab.VirtualDevice.Services.Shell;

namespace DeviceLab.VirtualDevice.Tests.Services.Shell;

public sealed class ShellPacketTests
{
    [Fact]
    public void Packets_are_taken_only_when_whole_even_across_segments()
    {
        var bytes = new byte[] { ShellPacket.Stdin, 3, 0, 0, 0, (byte)'a', (byte)'b', (byte)'c', ShellPacket.CloseStdin, 0, 0, 0, 0, ShellPacket.Stdin, 9 };
        var buffer = Segmented(bytes, 2);

        Assert.True(ShellPacket.TryRead(ref buffer, out var first, out var data));
        Assert.Equal((ShellPacket.Stdin, "abc"), (first, System.Text.Encoding.ASCII.GetString(data.ToArray())));
        Assert.True(ShellPacket.TryRead(ref buffer, out var second, out var empty));
        Assert.Equal((ShellPacket.CloseStdin, 0L), (second, empty.Length));
        Assert.False(ShellPacket.TryRead(ref buffer, out _, out _)); // 2 bytes of a header only
        Assert.Equal(2, buffer.Length);
    }

    [Fact]
    public void Header_is_id_then_little_endian_length()
    {
        var header = new byte[ShellPacket.HeaderBytes];
        ShellPacket.WriteHeader(header, ShellPacket.Exit, 0x01020304);
        Assert.Equal(new byte[] { 3, 4, 3, 2, 1 }, header);
    }

    /// <summary>A sequence of small segments, as a pipe holds data that arrived in pieces.</summary>
    internal static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentBytes)
    {
        Segment? first = null, last = null;
        for (var i = 0; i < bytes.Length; i += segmentBytes)
        {
            var piece = bytes.AsMemory(i, Math.Min(segmentBytes, bytes.Length - i));
            if (first is null) first = last = new Segment(piece, 0);
            else last = last!.Append(piece);
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
