using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using DeviceLab.VirtualDevice.Services.Sync;
using DeviceLab.VirtualDevice.Tests.AdbCli;
using DeviceLab.VirtualDevice.Tests.Wire;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Tests.Services.Sync;

/// <summary>The exact byte layout of sync replies (STA2 is 72 bytes, DNT2 76 + name), read off the wire.</summary>
public sealed class SyncWireTests : IAsyncLifetime
{
    private const uint HostStreamId = 9;
    private readonly TestFolder _sandbox = new("sync-wire");
    private VirtualDevice _device = null!;
    private WirePeer _peer = null!;
    private uint _deviceStreamId;
    private readonly List<byte> _received = [];

    public async Task InitializeAsync()
    {
        _device = await VirtualDevice.StartAsync(new VirtualDeviceOptions { Sandbox = _sandbox.Path });
        _peer = await WirePeer.ConnectAsync(_device.Port);
        await _peer.HandshakeAsync(1 << 20);
        await _peer.SendAsync(AdbCommand.Open, HostStreamId, 0, Encoding.UTF8.GetBytes("sync:\0"));
        _deviceStreamId = (await _peer.ReceiveAsync()).Header.Arg0;
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        await _device.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Sta2_carries_the_real_stat_of_the_file_in_72_bytes()
    {
        var file = Path.Combine(_sandbox.Path, "weights.bin");
        await File.WriteAllBytesAsync(file, new byte[12345]);
        var (inode, links, modifiedSeconds) = StatCommand(file);

        await RequestAsync(SyncId.Stat2, "/data/local/tmp/weights.bin");
        var reply = await ReceiveAsync(SyncReplies.Stat2Bytes);

        Assert.Equal(SyncId.Stat2, U32(reply, 0));
        Assert.Equal(0u, U32(reply, 4));                        // error
        Assert.Equal(inode, BinaryPrimitives.ReadUInt64LittleEndian(reply.AsSpan(16)));
        Assert.Equal(0x8000u, U32(reply, 24) & 0xF000);          // regular file
        Assert.Equal(links, U32(reply, 28));
        Assert.Equal(12345ul, BinaryPrimitives.ReadUInt64LittleEndian(reply.AsSpan(40)));
        Assert.Equal(modifiedSeconds, BinaryPrimitives.ReadInt64LittleEndian(reply.AsSpan(56)));
    }

    [Fact]
    public async Task Sta2_of_a_missing_path_reports_ENOENT()
    {
        await RequestAsync(SyncId.Stat2, "/data/local/tmp/none");
        var missing = await ReceiveAsync(SyncReplies.Stat2Bytes);
        await RequestAsync(SyncId.Stat2, "/vendor/lib");
        var outside = await ReceiveAsync(SyncReplies.Stat2Bytes);

        Assert.Equal((SyncId.Stat2, 2u), (U32(missing, 0), U32(missing, 4)));
        Assert.Equal((SyncId.Stat2, 2u), (U32(outside, 0), U32(outside, 4)));
    }

    [Fact]
    public async Task Lis2_sends_a_dnt2_per_entry_then_a_76_byte_done()
    {
        await File.WriteAllTextAsync(Path.Combine(_sandbox.Path, "a.txt"), "abc");

        await RequestAsync(SyncId.List2, "/data/local/tmp");
        var names = new List<string>();
        while (true)
        {
            var header = await ReceiveAsync(SyncReplies.Dent2HeaderBytes);
            if (U32(header, 0) == SyncId.Done)
            {
                Assert.All(header[4..], b => Assert.Equal(0, b));
                break;
            }
            Assert.Equal(SyncId.Dent2, U32(header, 0));
            var name = Encoding.UTF8.GetString(await ReceiveAsync((int)U32(header, 72)));
            names.Add(name);
            if (name == "a.txt") Assert.Equal(3ul, BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(40)));
        }

        Assert.Equal([".", "..", ".devicelab", "a.txt"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Send_with_oversized_data_fails_with_a_message()
    {
        var request = Message(SyncId.Send, "/data/local/tmp/x,33188").Concat(Header(SyncId.Data, 70_000)).ToArray();
        await _peer.SendAsync(AdbCommand.Write, HostStreamId, _deviceStreamId, request);
        await _peer.ReceiveAsync(); // OKAY for our WRTE

        var fail = await ReceiveAsync(8);
        var message = Encoding.UTF8.GetString(await ReceiveAsync((int)U32(fail, 4)));

        Assert.Equal(SyncId.Fail, U32(fail, 0));
        Assert.Contains("oversize data message: 70000 bytes", message);
        Assert.False(File.Exists(Path.Combine(_sandbox.Path, "x")));
    }

    private async Task RequestAsync(uint id, string path)
    {
        await _peer.SendAsync(AdbCommand.Write, HostStreamId, _deviceStreamId, Message(id, path));
        var (ack, _) = await _peer.ReceiveAsync();
        Assert.Equal(AdbCommand.Okay, ack.Command);
    }

    /// <summary>The next <paramref name="count"/> bytes the device sends on the sync stream (acknowledging each WRTE).</summary>
    private async Task<byte[]> ReceiveAsync(int count)
    {
        while (_received.Count < count)
        {
            var (header, payload) = await _peer.ReceiveAsync();
            Assert.Equal(AdbCommand.Write, header.Command);
            _received.AddRange(payload);
            await _peer.SendAsync(AdbCommand.Okay, HostStreamId, _deviceStreamId);
        }
        var taken = _received.Take(count).ToArray();
        _received.RemoveRange(0, count);
        return taken;
    }

    private static uint U32(byte[] bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));

    private static byte[] Header(uint id, int length) => SyncReaderTests.Header(id, length);

    private static byte[] Message(uint id, string text) => SyncReaderTests.Message(id, text);

    /// <summary>Inode, link count and mtime as the host's own stat(1) reports them.</summary>
    private static (ulong Inode, uint Links, long ModifiedSeconds) StatCommand(string path)
    {
        var start = new ProcessStartInfo("stat", ["-c", "%i %h %Y", path]) { RedirectStandardOutput = true };
        using var stat = Process.Start(start)!;
        var fields = stat.StandardOutput.ReadToEnd().Trim().Split(' ');
        stat.WaitForExit();
        return (ulong.Parse(fields[0]), uint.Parse(fields[1]), long.Parse(fields[2]));
    }
}
