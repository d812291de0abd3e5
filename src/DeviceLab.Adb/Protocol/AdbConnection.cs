using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace DeviceLab.Adb.Protocol;

/// <summary>
/// One TCP connection to the adb server's smart socket, used for exactly one request (as adb itself does),
/// so a failure on one device never poisons a connection another device needs.
/// The hot-path methods use pooled async builders, so a transfer allocates nothing per message.
/// Reads go through one pooled buffer: protocol headers cross read boundaries freely, so every reader
/// asks for "n contiguous bytes" or "the next chunk" and never assumes one receive = one message.
/// </summary>
internal sealed class AdbConnection : IDisposable
{
    /// <summary>Receive buffer: large enough for a sync DATA chunk (64 KiB + header) several times over.</summary>
    private const int ReadBufferBytes = 256 * 1024;

    private readonly Socket _socket;
    private byte[] _readBuffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
    private int _readStart;
    private int _readEnd;

    private AdbConnection(Socket socket, AdbServerEndpoint endpoint, AdbOperation operation)
    {
        _socket = socket;
        Endpoint = endpoint;
        Operation = operation;
    }

    public AdbServerEndpoint Endpoint { get; }

    /// <summary>What the connection is doing now; named in every error it raises.</summary>
    public AdbOperation Operation { get; set; }

    /// <summary>Bytes received but not consumed yet.</summary>
    public int BufferedBytes => _readEnd - _readStart;

    public static async Task<AdbConnection> OpenAsync(AdbServerEndpoint endpoint, AdbOperation operation, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint.Address, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new AdbConnection(socket, endpoint, operation);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable or SocketError.ConnectionReset)
        {
            // Reset: a server that is starting or stopping can drop a connection still in its accept queue.
            socket.Dispose();
            throw new AdbServerNotRunningException(endpoint, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one framed request (4 hex digits of length + service).</summary>
    public ValueTask SendRequestAsync(string service, CancellationToken cancellationToken) =>
        WriteAsync(HexLength.Frame(service), cancellationToken);

    /// <summary>Reads OKAY, or throws with the FAIL text (device-not-found becomes its own exception).</summary>
    /// <param name="replyTimeout">How long a server may take to answer; a silent peer is not an adb server.</param>
    public async ValueTask ExpectOkayAsync(string request, TimeSpan replyTimeout, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> status;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            if (replyTimeout != Timeout.InfiniteTimeSpan) timeout.CancelAfter(replyTimeout);
            try
            {
                status = await ReadBlockAsync(4, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new AdbProtocolException(
                    $"{Endpoint} did not answer '{request}' within {replyTimeout.TotalSeconds:0.#} s — is an adb server listening on port {Endpoint.Port}?");
            }
            catch (AdbConnectionLostException e) when (Operation.Serial is null)
            {
                throw new AdbProtocolException(
                    $"{Endpoint} closed the connection without answering '{request}' — is an adb server listening on port {Endpoint.Port}?", e);
            }
        }
        if (status.Span.SequenceEqual("OKAY"u8)) return;
        if (status.Span.SequenceEqual("FAIL"u8))
        {
            var message = await ReadLengthPrefixedStringAsync(cancellationToken).ConfigureAwait(false);
            throw RequestFailure(request, message);
        }
        throw new AdbProtocolException(
            $"{Endpoint} answered '{Printable(status.Span)}' to '{request}' instead of OKAY or FAIL — is an adb server listening on port {Endpoint.Port}?");
    }

    /// <summary>Reads a reply framed as 4 hex digits of length + that many bytes of UTF-8 text.</summary>
    public async ValueTask<string> ReadLengthPrefixedStringAsync(CancellationToken cancellationToken)
    {
        var digits = await ReadBlockAsync(4, cancellationToken).ConfigureAwait(false);
        if (!HexLength.TryParse(digits.Span, out var length))
        {
            throw new AdbProtocolException($"{Endpoint} sent '{Printable(digits.Span)}' where a 4-digit hex length belongs ({Operation})");
        }
        var bytes = await ReadBlockAsync(length, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(bytes.Span);
    }

    /// <summary>Reads until the peer closes the connection; used by services that answer then hang up.</summary>
    public async ValueTask<string> ReadToEndAsStringAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(ReadBufferBytes));
        try
        {
            while (true)
            {
                var chunk = await TryReadChunkAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
                var flush = chunk.IsEmpty;
                var count = decoder.GetChars(chunk.Span, chars, flush);
                text.Append(chars, 0, count);
                if (flush) return text.ToString();
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Returns exactly <paramref name="count"/> contiguous bytes from the receive buffer (valid until the next read);
    /// the end of the stream before that is a lost connection.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(int count, CancellationToken cancellationToken)
    {
        if (count > _readBuffer.Length) GrowReadBuffer(count);
        while (BufferedBytes < count)
        {
            if (_readStart > 0 && _readBuffer.Length - _readStart < count) Compact();
            if (await ReceiveIntoBufferAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw Lost($"the stream ended after {BufferedBytes} of {count} expected bytes");
            }
        }
        var block = new ReadOnlyMemory<byte>(_readBuffer, _readStart, count);
        _readStart += count;
        return block;
    }

    /// <summary>Waits until at least one byte is here; false when the peer closed the stream cleanly first.</summary>
    public async ValueTask<bool> WaitForDataAsync(CancellationToken cancellationToken)
    {
        if (BufferedBytes > 0) return true;
        _readStart = _readEnd = 0;
        return await ReceiveIntoBufferAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Returns up to <paramref name="maxBytes"/> bytes that are already here or arrive next;
    /// the end of the stream is a lost connection.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> ReadChunkAsync(int maxBytes, CancellationToken cancellationToken)
    {
        var chunk = await TryReadChunkAsync(maxBytes, cancellationToken).ConfigureAwait(false);
        return chunk.IsEmpty ? throw Lost("the stream ended early") : chunk;
    }

    /// <summary>Like <see cref="ReadChunkAsync"/>, but an empty result means the peer closed the stream.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> TryReadChunkAsync(int maxBytes, CancellationToken cancellationToken)
    {
        if (BufferedBytes == 0)
        {
            _readStart = _readEnd = 0;
            if (await ReceiveIntoBufferAsync(cancellationToken).ConfigureAwait(false) == 0) return ReadOnlyMemory<byte>.Empty;
        }
        var count = Math.Min(maxBytes, BufferedBytes);
        var chunk = new ReadOnlyMemory<byte>(_readBuffer, _readStart, count);
        _readStart += count;
        return chunk;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                data = data[sent..];
            }
        }
        catch (SocketException e)
        {
            throw Lost(e.Message, e);
        }
        catch (ObjectDisposedException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Lost("the connection was closed", e);
        }
    }

    /// <summary>
    /// Sends on the calling thread, blocking while the socket buffer is full. For bulk transfers on a dedicated
    /// thread: an async send pays an epoll wake-up and a thread-pool hop each time the buffer drains, which
    /// measured 2–2.5× the CPU per GiB of a blocking loop. Cancellation closes the socket.
    /// </summary>
    public void Write(ReadOnlySpan<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            while (!data.IsEmpty)
            {
                cancellationToken.ThrowIfCancellationRequested();
                data = data[_socket.Send(data)..];
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Lost(e is SocketException socketError ? socketError.Message : "the connection was closed", e);
        }
    }

    /// <summary>Closes the socket at once, failing any blocked send or receive (used to cancel blocking transfers).</summary>
    public void Abort() => _socket.Dispose();

    /// <summary>Tells the peer no more bytes come from this side (the read side stays open).</summary>
    public void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The peer is already gone; the next read reports it with the operation's name.
        }
    }

    public AdbConnectionLostException Lost(string detail, Exception? innerException = null) =>
        new(Operation.Serial, Operation.Description, detail, innerException);

    public AdbRequestFailedException RequestFailure(string request, string serverMessage)
    {
        // adb words it "device 'X' not found" for requests and "no such device 'X'" for disconnect.
        if (TryQuoted(serverMessage, "device '", "' not found", out var serial) ||
            TryQuoted(serverMessage, "no such device '", "'", out serial))
        {
            return new AdbDeviceNotFoundException(request, serial, serverMessage);
        }
        return new AdbRequestFailedException(request, serverMessage);
    }

    public void Dispose()
    {
        _socket.Dispose();
        var buffer = Interlocked.Exchange(ref _readBuffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReceiveIntoBufferAsync(CancellationToken cancellationToken)
    {
        if (_readEnd == _readBuffer.Length) Compact();
        try
        {
            var received = await _socket.ReceiveAsync(_readBuffer.AsMemory(_readEnd), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            _readEnd += received;
            return received;
        }
        catch (SocketException e)
        {
            throw Lost(e.Message, e);
        }
        catch (ObjectDisposedException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Lost("the connection was closed", e);
        }
    }

    private void Compact()
    {
        var buffered = BufferedBytes;
        Buffer.BlockCopy(_readBuffer, _readStart, _readBuffer, 0, buffered);
        _readStart = 0;
        _readEnd = buffered;
    }

    private void GrowReadBuffer(int minimumBytes)
    {
        var larger = ArrayPool<byte>.Shared.Rent(minimumBytes);
        var buffered = BufferedBytes;
        Buffer.BlockCopy(_readBuffer, _readStart, larger, 0, buffered);
        ArrayPool<byte>.Shared.Return(_readBuffer);
        _readBuffer = larger;
        _readStart = 0;
        _readEnd = buffered;
    }

    private static bool TryQuoted(string text, string prefix, string suffix, out string quoted)
    {
        var matches = text.Length >= prefix.Length + suffix.Length &&
            text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith(suffix, StringComparison.Ordinal);
        quoted = matches ? text[prefix.Length..^suffix.Length] : "";
        return matches;
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes) text.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        return text.ToString();
    }
}
