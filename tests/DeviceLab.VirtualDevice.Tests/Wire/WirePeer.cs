using System.Net.Sockets;
using System.Text;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Tests.Wire;

/// <summary>
/// A hand-driven host end of the wire protocol, for what the real adb server never does on demand
/// (announce a small payload limit, hold back an OKAY, send garbage).
/// </summary>
internal sealed class WirePeer : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly PacketReader _reader;

    private WirePeer(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new PacketReader(_stream);
    }

    public static async Task<WirePeer> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port);
        return new WirePeer(client);
    }

    public async Task SendAsync(uint command, uint arg0, uint arg1, byte[]? payload = null)
    {
        payload ??= [];
        var bytes = new byte[PacketHeader.SizeBytes + payload.Length];
        PacketHeader.Create(command, arg0, arg1, payload, withChecksum: true).Write(bytes);
        payload.CopyTo(bytes, PacketHeader.SizeBytes);
        await _stream.WriteAsync(bytes);
    }

    public Task SendRawAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    public async Task<(PacketHeader Header, byte[] Payload)> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var header = await _reader.ReadHeaderAsync(1 << 20, cancel.Token) ?? throw new EndOfStreamException("device closed the connection");
        var payload = new byte[header.DataLength];
        await _reader.ReadPayloadAsync(payload, cancel.Token);
        return (header, payload);
    }

    /// <summary>True when the device sends nothing within <paramref name="quiet"/>.</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan quiet)
    {
        var buffer = new byte[1];
        using var cancel = new CancellationTokenSource(quiet);
        try
        {
            // A read that starts here and is cancelled leaves the stream unusable; only call this last in a sequence
            // or when the next expected packet is triggered by our own send.
            var peek = _client.Client.ReceiveAsync(buffer, SocketFlags.Peek, cancel.Token);
            await peek;
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>The CNXN exchange; returns the device's banner.</summary>
    public async Task<(PacketHeader Header, string Banner)> HandshakeAsync(uint maxPayloadBytes)
    {
        await SendAsync(AdbCommand.Connect, 0x01000001, maxPayloadBytes, Encoding.UTF8.GetBytes("host::features=shell_v2,stat_v2,ls_v2\0"));
        var (header, payload) = await ReceiveAsync();
        return (header, Encoding.UTF8.GetString(payload));
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
