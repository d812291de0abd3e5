using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Tests.Wire;

public sealed class PacketReaderTests
{
    private static byte[] Packet(uint command, uint arg0, uint arg1, byte[] payload, uint? magic = null)
    {
        var header = PacketHeader.Create(command, arg0, arg1, payload, withChecksum: true);
        if (magic is { } m) header = header with { Magic = m };
        var bytes = new byte[PacketHeader.SizeBytes + payload.Length];
        header.Write(bytes);
        payload.CopyTo(bytes, PacketHeader.SizeBytes);
        return bytes;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(23)]
    [InlineData(4096)]
    public async Task Packets_split_across_any_reads_come_out_whole(int bytesPerRead)
    {
        var payload = new byte[70_000];
        new Random(1).NextBytes(payload);
        var wire = Packet(AdbCommand.Open, 3, 0, "shell:ls\0"u8.ToArray()).Concat(Packet(AdbCommand.Write, 3, 1, payload)).ToArray();
        var reader = new PacketReader(new TrickleStream(wire, bytesPerRead));

        var open = await reader.ReadHeaderAsync(1 << 20, default);
        var openPayload = new byte[open!.Value.DataLength];
        await reader.ReadPayloadAsync(openPayload, default);
        var write = await reader.ReadHeaderAsync(1 << 20, default);
        var writePayload = new byte[write!.Value.DataLength];
        await reader.ReadPayloadAsync(writePayload, default);

        Assert.Equal(AdbCommand.Open, open.Value.Command);
        Assert.Equal("shell:ls\0"u8.ToArray(), openPayload);
        Assert.Equal((AdbCommand.Write, 3u, 1u), (write.Value.Command, write.Value.Arg0, write.Value.Arg1));
        Assert.Equal(payload, writePayload);
        Assert.Null(await reader.ReadHeaderAsync(1 << 20, default));
    }

    [Fact]
    public async Task Bad_magic_is_a_protocol_error()
    {
        var reader = new PacketReader(new MemoryStream(Packet(AdbCommand.Okay, 1, 2, [], magic: 0x12345678)));

        var error = await Assert.ThrowsAsync<WireProtocolException>(async () => await reader.ReadHeaderAsync(1 << 20, default));
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public async Task Payload_over_the_agreed_limit_is_a_protocol_error()
    {
        var reader = new PacketReader(new MemoryStream(Packet(AdbCommand.Write, 1, 2, new byte[5000])));

        var error = await Assert.ThrowsAsync<WireProtocolException>(async () => await reader.ReadHeaderAsync(4096, default));
        Assert.Contains("5000 bytes exceeds the limit of 4096", error.Message);
    }

    [Fact]
    public async Task Connection_cut_inside_a_packet_is_reported_as_such()
    {
        var wire = Packet(AdbCommand.Write, 1, 2, new byte[100]);
        var headerCut = new PacketReader(new MemoryStream(wire[..10]));
        var payloadCut = new PacketReader(new MemoryStream(wire[..50]));

        var inHeader = await Assert.ThrowsAsync<WireProtocolException>(async () => await headerCut.ReadHeaderAsync(1 << 20, default));
        var header = await payloadCut.ReadHeaderAsync(1 << 20, default);
        var inPayload = await Assert.ThrowsAsync<WireProtocolException>(async () => await payloadCut.ReadPayloadAsync(new byte[header!.Value.DataLength], default));

        Assert.Contains("inside a packet header", inHeader.Message);
        Assert.Contains("inside a packet payload", inPayload.Message);
    }
}
