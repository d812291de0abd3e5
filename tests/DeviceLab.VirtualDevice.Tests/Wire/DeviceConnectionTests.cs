using System.Buffers.Binary;
using System.Text;
using DeviceLab.VirtualDevice.Tests.AdbCli;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Tests.Wire;

/// <summary>The device's side of the wire protocol, driven by hand where the adb server cannot be asked to.</summary>
public sealed class DeviceConnectionTests : IAsyncLifetime
{
    private readonly TestFolder _sandbox = new("wire");
    private VirtualDevice _device = null!;

    public async Task InitializeAsync() => _device = await VirtualDevice.StartAsync(new VirtualDeviceOptions { Sandbox = _sandbox.Path });

    public async Task DisposeAsync()
    {
        await _device.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Handshake_answers_CNXN_with_version_payload_limit_and_banner()
    {
        await using var peer = await WirePeer.ConnectAsync(_device.Port);

        var (header, banner) = await peer.HandshakeAsync(1 << 20);

        Assert.Equal(AdbCommand.Connect, header.Command);
        Assert.Equal(0x01000001u, header.Arg0);
        Assert.Equal(1u << 20, header.Arg1);
        Assert.Equal(PacketHeader.Checksum(Encoding.UTF8.GetBytes(banner)), header.DataChecksum);
        Assert.StartsWith("device::ro.product.name=devicelab_virtual;ro.product.model=Virtual Device;ro.product.device=devicelab_virtual;features=", banner);
    }

    [Fact]
    public async Task Writes_respect_the_host_payload_limit_and_wait_for_each_OKAY()
    {
        await using var peer = await WirePeer.ConnectAsync(_device.Port);
        await peer.HandshakeAsync(4096);
        await peer.SendAsync(AdbCommand.Open, 77, 0, Encoding.UTF8.GetBytes("shell,v2,raw:head -c 20000 /dev/zero\0"));
        var (opened, _) = await peer.ReceiveAsync();
        Assert.Equal((AdbCommand.Okay, 77u), (opened.Command, opened.Arg1));
        var deviceId = opened.Arg0;

        var shellBytes = new List<byte>();
        while (true)
        {
            var (packet, payload) = await peer.ReceiveAsync();
            if (packet.Command == AdbCommand.Close) break;
            Assert.Equal((AdbCommand.Write, deviceId, 77u), (packet.Command, packet.Arg0, packet.Arg1));
            Assert.True(payload.Length <= 4096, $"WRTE of {payload.Length} bytes over the 4096-byte limit");
            shellBytes.AddRange(payload);
            if (shellBytes.Count < 20000)
            {
                // Until we acknowledge, the device must not send another WRTE on this stream.
                Assert.True(await peer.StaysQuietAsync(TimeSpan.FromMilliseconds(50)), "device sent a second WRTE before OKAY");
            }
            await peer.SendAsync(AdbCommand.Okay, 77, deviceId);
        }

        var (stdout, exitCode) = ParseShellV2(shellBytes.ToArray());
        Assert.Equal(20000, stdout);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Unknown_service_is_refused_with_CLSE_zero()
    {
        await using var peer = await WirePeer.ConnectAsync(_device.Port);
        await peer.HandshakeAsync(1 << 20);

        await peer.SendAsync(AdbCommand.Open, 5, 0, Encoding.UTF8.GetBytes("reboot:\0"));
        var (refused, _) = await peer.ReceiveAsync();

        Assert.Equal((AdbCommand.Close, 0u, 5u), (refused.Command, refused.Arg0, refused.Arg1));
    }

    [Fact]
    public async Task Garbage_drops_the_connection_and_the_device_keeps_serving()
    {
        await using (var peer = await WirePeer.ConnectAsync(_device.Port))
        {
            await peer.SendRawAsync(new byte[PacketHeader.SizeBytes]); // command 0 with magic 0: invalid
            await Assert.ThrowsAnyAsync<IOException>(async () => await peer.ReceiveAsync());
        }

        await using var next = await WirePeer.ConnectAsync(_device.Port);
        var (header, _) = await next.HandshakeAsync(1 << 20);
        Assert.Equal(AdbCommand.Connect, header.Command);
    }

    /// <summary>Total stdout bytes and the exit code of a shell v2 packet stream.</summary>
    private static (int StdoutBytes, int ExitCode) ParseShellV2(byte[] bytes)
    {
        int stdout = 0, exit = -1;
        for (var i = 0; i < bytes.Length;)
        {
            var id = bytes[i];
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i + 1));
            if (id == 1) stdout += length;
            if (id == 3) exit = bytes[i + 5];
            i += 5 + length;
        }
        return (stdout, exit);
    }
}
