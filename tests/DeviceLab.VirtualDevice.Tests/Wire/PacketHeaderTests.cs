using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Tests.Wire;

public sealed class PacketHeaderTests
{
    [Fact]
    public void Header_round_trips_through_its_24_bytes()
    {
        var header = PacketHeader.Create(AdbCommand.Write, 7, 9, "hello"u8, withChecksum: true);
        var bytes = new byte[PacketHeader.SizeBytes];
        header.Write(bytes);

        var read = PacketHeader.Read(bytes);

        Assert.Equal(header, read);
        Assert.True(read.HasValidMagic);
        Assert.Equal("WRTE"u8.ToArray(), bytes[..4]);
        Assert.Equal(5u, read.DataLength);
    }

    [Fact]
    public void Checksum_is_the_byte_sum_also_for_long_payloads()
    {
        var payload = new byte[100_003];
        new Random(42).NextBytes(payload);
        uint expected = 0;
        foreach (var b in payload) expected += b;

        Assert.Equal(expected, PacketHeader.Checksum(payload));
    }

    [Fact]
    public void Checksum_is_left_out_when_the_peer_skips_it()
    {
        Assert.Equal(0u, PacketHeader.Create(AdbCommand.Write, 1, 2, "abc"u8, withChecksum: false).DataChecksum);
        Assert.Equal((uint)('a' + 'b' + 'c'), PacketHeader.Create(AdbCommand.Write, 1, 2, "abc"u8, withChecksum: true).DataChecksum);
    }

    [Theory]
    [InlineData(AdbCommand.Connect, "CNXN")]
    [InlineData(AdbCommand.Open, "OPEN")]
    [InlineData(AdbCommand.Okay, "OKAY")]
    [InlineData(AdbCommand.Close, "CLSE")]
    [InlineData(0x00000001u, "0x00000001")]
    public void Command_names_are_their_four_letters(uint command, string name) => Assert.Equal(name, AdbCommand.Name(command));
}
