using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using DeviceLab.VirtualDevice.Services;
using DeviceLab.VirtualDevice.Services.Forwarding;

namespace DeviceLab.VirtualDevice.Wire;

/// <summary>
/// One TCP connection from the adb server: the CNXN handshake, then streams opened by the host
/// (shell, sync, reverse, tcp) and by the device (reverse connections), multiplexed on one socket.
/// </summary>
internal sealed class DeviceConnection : IAsyncDisposable
{
    private const int ReadBufferBytes = 64 * 1024;
    private readonly Socket _socket;
    private readonly DeviceContext _device;
    private readonly CancellationTokenSource _lifetime;
    private readonly ConcurrentDictionary<uint, DeviceStream> _streams = new();
    private readonly ConcurrentDictionary<Task, string> _running = new();
    private readonly NetworkStream _network;
    private readonly ServiceRouter _router;
    private int _nextLocalId;
    private bool _online;

    public DeviceConnection(Socket socket, DeviceContext device, CancellationToken deviceStopping)
    {
        _socket = socket;
        _device = device;
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(deviceStopping);
        _network = new NetworkStream(socket, ownsSocket: false);
        Writer = new PacketWriter(_network, _lifetime.Token);
        Reverse = new ReverseRules(this, device.Log);
        _router = new ServiceRouter(device, Reverse);
        Peer = socket.RemoteEndPoint?.ToString() ?? "unknown peer";
    }

    public PacketWriter Writer { get; }

    /// <summary>Payload limit agreed in CNXN: the smaller of the host's and the device's.</summary>
    public int MaxPayloadBytes { get; private set; } = AdbProtocol.MaxPayloadBytes;

    /// <summary>The reverse rules the host installed on this connection (they end with it).</summary>
    public ReverseRules Reverse { get; }

    public string Peer { get; }

    /// <summary>Serves the connection until the host disconnects, the device stops or the protocol breaks.</summary>
    public async Task RunAsync()
    {
        var scratch = ArrayPool<byte>.Shared.Rent(AdbProtocol.MaxPayloadBytes);
        try
        {
            var reader = new PacketReader(new BufferedStream(_network, ReadBufferBytes));
            while (await reader.ReadHeaderAsync(AdbProtocol.MaxPayloadBytes, _lifetime.Token).ConfigureAwait(false) is { } header)
            {
                await DispatchAsync(reader, header, scratch).ConfigureAwait(false);
            }
            _device.Log?.Invoke($"host {Peer} disconnected");
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or WireProtocolException or ObjectDisposedException)
        {
            _device.Log?.Invoke($"connection from {Peer} ended: {e.Message}");
        }
        catch (Exception e)
        {
            // A defect in the device; the connection is dropped (the host sees the device go offline) but the device lives on.
            _device.Log?.Invoke($"connection from {Peer} failed: {e}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
            await EndAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask DispatchAsync(PacketReader reader, PacketHeader header, byte[] scratch)
    {
        var length = (int)header.DataLength;
        switch (header.Command)
        {
            case AdbCommand.Connect:
                await reader.ReadPayloadAsync(scratch.AsMemory(0, length), _lifetime.Token).ConfigureAwait(false);
                await OnConnectAsync(header, Encoding.UTF8.GetString(scratch, 0, length)).ConfigureAwait(false);
                break;
            case AdbCommand.Open:
                await reader.ReadPayloadAsync(scratch.AsMemory(0, length), _lifetime.Token).ConfigureAwait(false);
                if (_online && header.Arg0 != 0) await OnOpenAsync(header.Arg0, DecodeDestination(scratch.AsSpan(0, length))).ConfigureAwait(false);
                break;
            case AdbCommand.Write when _streams.TryGetValue(header.Arg1, out var target) && target.RemoteId == header.Arg0
                                       && target.TryGetInputBuffer(length) is { } destination:
                await reader.ReadPayloadAsync(destination, _lifetime.Token).ConfigureAwait(false);
                await target.OnInputWrittenAsync(length).ConfigureAwait(false);
                break;
            case AdbCommand.Okay:
                await reader.ReadPayloadAsync(scratch.AsMemory(0, length), _lifetime.Token).ConfigureAwait(false);
                if (_streams.TryGetValue(header.Arg1, out var acknowledged)) acknowledged.OnAcknowledged(header.Arg0);
                break;
            case AdbCommand.Close:
                await reader.ReadPayloadAsync(scratch.AsMemory(0, length), _lifetime.Token).ConfigureAwait(false);
                if (_streams.TryGetValue(header.Arg1, out var closed) && (header.Arg0 == 0 || header.Arg0 == closed.RemoteId || closed.RemoteId == 0))
                {
                    await closed.OnRemoteClosedAsync().ConfigureAwait(false);
                }
                break;
            default:
                // AUTH (never requested by this device), WRTE to a stream already gone, anything unknown.
                await reader.ReadPayloadAsync(scratch.AsMemory(0, length), _lifetime.Token).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask OnConnectAsync(PacketHeader header, string hostBanner)
    {
        if (_online)
        {
            // A second CNXN restarts the session: every stream of the old one is gone.
            _device.Log?.Invoke($"host {Peer} reconnected on the same socket; closing {_streams.Count} streams");
            foreach (var stream in _streams.Values) stream.OnConnectionLost();
            Reverse.RemoveAll();
        }
        var version = Math.Min(header.Arg0, AdbProtocol.Version);
        MaxPayloadBytes = (int)Math.Clamp(header.Arg1, AdbProtocol.MinPayloadBytes, AdbProtocol.MaxPayloadBytes);
        hostBanner = hostBanner.TrimEnd('\0');
        _device.Log?.Invoke($"host {Peer} connected: version 0x{header.Arg0:x8}, max payload {header.Arg1} bytes, {hostBanner}");

        // Our CNXN always carries a checksum: the host has not yet learned our version when it reads it.
        Writer.WithChecksums = true;
        await Writer.SendAsync(AdbCommand.Connect, AdbProtocol.Version, AdbProtocol.MaxPayloadBytes, Encoding.UTF8.GetBytes(_device.Banner)).ConfigureAwait(false);
        Writer.WithChecksums = version < AdbProtocol.VersionSkipChecksum;
        _online = true;
    }

    private async ValueTask OnOpenAsync(uint remoteId, string destination)
    {
        var service = await _router.RouteAsync(destination).ConfigureAwait(false);
        if (service is null)
        {
            _device.Log?.Invoke($"refused service '{destination}'");
            await Writer.SendAsync(AdbCommand.Close, 0, remoteId).ConfigureAwait(false);
            return;
        }
        var stream = new DeviceStream(this, NextLocalId(), remoteId, destination);
        _streams[stream.LocalId] = stream;
        _device.Log?.Invoke($"stream {stream.LocalId}: {destination}");
        await Writer.SendAsync(AdbCommand.Okay, stream.LocalId, remoteId).ConfigureAwait(false);
        Track(stream.PumpOutputAsync(), $"output of stream {stream.LocalId} ({destination})");
        Track(RunServiceAsync(service, stream), $"service of stream {stream.LocalId} ({destination})");
    }

    /// <summary>
    /// Sends OPEN toward the host (only for a reverse rule the host installed); await
    /// <see cref="DeviceStream.Opened"/> for the host's answer.
    /// </summary>
    public async Task<DeviceStream> OpenToHostAsync(string destination)
    {
        var stream = new DeviceStream(this, NextLocalId(), 0, destination);
        _streams[stream.LocalId] = stream;
        Track(StartPumpWhenOpenedAsync(stream), $"output of stream {stream.LocalId} ({destination})");
        await Writer.SendAsync(AdbCommand.Open, stream.LocalId, 0, Encoding.UTF8.GetBytes(destination + "\0")).ConfigureAwait(false);
        return stream;
    }

    private static async Task StartPumpWhenOpenedAsync(DeviceStream stream)
    {
        if (await stream.Opened.ConfigureAwait(false)) await stream.PumpOutputAsync().ConfigureAwait(false);
    }

    /// <summary>Starts background work that must finish before the connection is disposed.</summary>
    public void Track(Task task, string what)
    {
        _running[task] = what;
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task RunServiceAsync(IDeviceService service, DeviceStream stream)
    {
        await Task.Yield();
        try
        {
            await service.RunAsync(stream).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stream.Closed.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _device.Log?.Invoke($"service '{stream.Destination}' failed: {e.Message}");
        }
        finally
        {
            await stream.Output.CompleteAsync().ConfigureAwait(false);
        }
    }

    internal void Forget(DeviceStream stream) => _streams.TryRemove(KeyValuePair.Create(stream.LocalId, stream));

    private uint NextLocalId() => (uint)Interlocked.Increment(ref _nextLocalId);

    private static string DecodeDestination(ReadOnlySpan<byte> payload)
    {
        // Older hosts end the name with NUL, newer ones may not.
        var end = payload.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end >= 0 ? payload[..end] : payload);
    }

    private async Task EndAsync()
    {
        _online = false;
        EndLifetime();
        Reverse.RemoveAll();
        foreach (var stream in _streams.Values) stream.OnConnectionLost();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        _socket.Dispose();
        await SettleAsync().ConfigureAwait(false);
    }

    /// <summary>Waits (a bounded time) for the connection's background work; names what is stuck.</summary>
    private async Task SettleAsync()
    {
        var pending = _running.Keys.ToArray();
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        var stuck = _running.Where(p => !p.Key.IsCompleted).Select(p => p.Value).ToArray();
        if (stuck.Length > 0) _device.Log?.Invoke($"connection from {Peer} closed with work still running: {string.Join("; ", stuck)}");
    }

    /// <summary>Drops the connection at once, as a pulled cable would: RST, no goodbye.</summary>
    public void Abort()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        _socket.Dispose();
        EndLifetime();
    }

    /// <summary>Cancels the connection's work; Abort from the device may race with the connection disposing itself.</summary>
    private void EndLifetime()
    {
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        EndLifetime();
        _socket.Dispose();
        await SettleAsync().ConfigureAwait(false);
        Writer.Dispose();
        _lifetime.Dispose();
    }
}
