using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DeviceLab.VirtualDevice.Tests.AdbCli;
using DeviceLab.VirtualDevice.Tests.Wire;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Tests.Services.Sync;

/// <summary>
/// A push whose bytes sit in the device's input pipe in several segments while the sync service is busy, then arrive
/// in WRTEs of every size with the input pipe at its pause threshold: the bytes must land in the file exactly once and
/// in order. ADR 0055: the service measured a body part after handing its segments back to the pipe, and a push
/// swallowed sync headers into the file or misread body bytes as a header.
/// </summary>
public sealed class SyncPushBackPressureTests : IAsyncLifetime
{
    private const uint HostStreamId = 21;
    private const int ChunkBytes = 64 * 1024;

    // Bigger than the stream's output pipe holds (4 MiB pause threshold + 1 MiB WRTE in flight): while the host leaves
    // the pull's WRTEs unacknowledged, the sync service is stuck in it and reads no input.
    private const int StallFileBytes = 8 << 20;

    private readonly TestFolder _sandbox = new("sync-backpressure");
    private VirtualDevice _device = null!;

    public async Task InitializeAsync() => _device = await VirtualDevice.StartAsync(new VirtualDeviceOptions { Sandbox = _sandbox.Path });

    public async Task DisposeAsync()
    {
        await _device.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Push_buffered_in_segments_then_split_into_WRTEs_of_random_sizes_arrives_byte_identical()
    {
        // 24 MiB: about twelve times the input pipe's pause threshold, so the device acknowledges most WRTEs only
        // after the service made room (the pending-flush path).
        var content = new byte[24 << 20];
        new Random(7).NextBytes(content);
        var (stream, sendBytes) = SyncStream("/data/local/tmp/backpressure.bin", content);
        await File.WriteAllBytesAsync(Path.Combine(_sandbox.Path, "stall.bin"), new byte[StallFileBytes]);

        await using var peer = await WirePeer.ConnectAsync(_device.Port);
        await peer.HandshakeAsync(1 << 20);
        await peer.SendAsync(AdbCommand.Open, HostStreamId, 0, Encoding.UTF8.GetBytes("sync:\0"));
        var deviceStreamId = (await peer.ReceiveAsync()).Header.Arg0;
        var pullReceivedBytes = await StallServiceInPullAsync(peer, deviceStreamId);

        // While the service is stuck, three WRTEs land in three pipe segments (each too big for the room the last
        // one left): SEND; DATA header + 20000 body bytes; 30000 body bytes. The first body is then 50000 bytes
        // buffered across two segments, the rest still to come: exactly the read ADR 0055 got wrong.
        var sent = 0;
        foreach (var size in new[] { sendBytes, 8 + 20000, 30000 })
        {
            await SendAcknowledgedAsync(peer, deviceStreamId, stream[sent..(sent + size)], sent);
            sent += size;
        }
        await ReleasePullAsync(peer, deviceStreamId, pullReceivedBytes);
        // The service now reads the buffered 50000 body bytes and waits for the rest. The pause only makes sure it gets
        // there before the next WRTE arrives (which would complete the body in the buffer, a read the old code survived);
        // waiting can never make a correct device fail.
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        var random = new Random(11);
        while (sent < stream.Length)
        {
            var size = Math.Min(stream.Length - sent, random.Next(4) == 0 ? random.Next(1, 200) : random.Next(1, (1 << 20) + 1));
            await SendAcknowledgedAsync(peer, deviceStreamId, stream[sent..(sent + size)], sent);
            sent += size;
        }

        var (reply, replyPayload) = await peer.ReceiveAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(AdbCommand.Write, reply.Command);
        Assert.True(Encoding.ASCII.GetString(replyPayload, 0, 4) == "OKAY", $"device answered the push with {Encoding.UTF8.GetString(replyPayload)}");
        var received = await File.ReadAllBytesAsync(Path.Combine(_sandbox.Path, "backpressure.bin"));
        Assert.Equal(content.Length, received.Length);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(received));
    }

    /// <summary>RECV of the stall file; its first WRTE stays unacknowledged. Returns the reply bytes received so far.</summary>
    private static async Task<long> StallServiceInPullAsync(WirePeer peer, uint deviceStreamId)
    {
        var path = Encoding.UTF8.GetBytes("/data/local/tmp/stall.bin");
        await peer.SendAsync(AdbCommand.Write, HostStreamId, deviceStreamId, [.. Header("RECV", path.Length), .. path]);
        var acknowledged = false;
        var pulledBytes = -1L;
        while (!acknowledged || pulledBytes < 0)
        {
            var (header, payload) = await peer.ReceiveAsync(TimeSpan.FromSeconds(30));
            if (header.Command == AdbCommand.Okay) acknowledged = true;
            else if (header.Command == AdbCommand.Write) pulledBytes = payload.Length;
            else Assert.Fail($"device sent {header} in answer to RECV");
        }
        return pulledBytes;
    }

    /// <summary>Acknowledges the pull's WRTEs until its whole reply (ending in DONE) arrived, the last one included.</summary>
    private static async Task ReleasePullAsync(WirePeer peer, uint deviceStreamId, long received)
    {
        const long replyBytes = StallFileBytes + 8L * (StallFileBytes / ChunkBytes) + 8; // DATA headers, then DONE
        var last = Array.Empty<byte>();
        while (true)
        {
            await peer.SendAsync(AdbCommand.Okay, HostStreamId, deviceStreamId);
            if (received == replyBytes) break;
            var (header, payload) = await peer.ReceiveAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(AdbCommand.Write, header.Command);
            received += payload.Length;
            last = payload;
        }
        Assert.Equal("DONE", Encoding.ASCII.GetString(last, last.Length - 8, 4));
    }

    private static async Task SendAcknowledgedAsync(WirePeer peer, uint deviceStreamId, byte[] payload, int sentBefore)
    {
        await peer.SendAsync(AdbCommand.Write, HostStreamId, deviceStreamId, payload);
        var (header, reply) = await peer.ReceiveAsync(TimeSpan.FromSeconds(30));
        if (header.Command == AdbCommand.Okay) return;
        if (header.Command == AdbCommand.Write)
        {
            await peer.SendAsync(AdbCommand.Okay, HostStreamId, deviceStreamId);
            Assert.Fail($"device answered during the push after {sentBefore + payload.Length} bytes: {Encoding.UTF8.GetString(reply)}");
        }
        Assert.Fail($"device sent {header} during the push after {sentBefore + payload.Length} bytes");
    }

    /// <summary>SEND, DATA chunks of 64 KiB, DONE: what a client writes for one file; also the size of the SEND message.</summary>
    private static (byte[] Stream, int SendBytes) SyncStream(string remotePath, byte[] content)
    {
        var output = new MemoryStream();
        var spec = Encoding.UTF8.GetBytes($"{remotePath},{Convert.ToInt32("100644", 8)}");
        output.Write(Header("SEND", spec.Length));
        output.Write(spec);
        for (var offset = 0; offset < content.Length; offset += ChunkBytes)
        {
            var length = Math.Min(ChunkBytes, content.Length - offset);
            output.Write(Header("DATA", length));
            output.Write(content, offset, length);
        }
        output.Write(Header("DONE", 1_700_000_000));
        return (output.ToArray(), 8 + spec.Length);
    }

    private static byte[] Header(string id, int value)
    {
        var header = new byte[8];
        Encoding.ASCII.GetBytes(id, header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), value);
        return header;
    }
}
