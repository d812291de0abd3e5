using System.IO.Pipelines;

namespace DeviceLab.VirtualDevice.Wire;

/// <summary>
/// One multiplexed stream of a host connection (a shell, a sync session, a forwarded socket).
/// Services read what the host sends from <see cref="Input"/> and write their answer to
/// <see cref="Output"/>; completing <see cref="Output"/> sends the rest and closes the stream.
/// Flow control: one WRTE in flight per direction. Host data is acknowledged as soon as it sits in
/// the input pipe (up to a few MiB buffered), so the host keeps sending while the service works.
/// </summary>
internal sealed class DeviceStream
{
    private static readonly PipeOptions InputOptions = new(
        pauseWriterThreshold: 2 * AdbProtocol.MaxPayloadBytes,
        resumeWriterThreshold: AdbProtocol.MaxPayloadBytes,
        minimumSegmentSize: 16 * 1024,
        useSynchronizationContext: false);

    private static readonly PipeOptions OutputOptions = new(
        pauseWriterThreshold: 4 * AdbProtocol.MaxPayloadBytes,
        resumeWriterThreshold: 2 * AdbProtocol.MaxPayloadBytes,
        minimumSegmentSize: 16 * 1024,
        useSynchronizationContext: false);

    private readonly DeviceConnection _connection;
    private readonly Pipe _input = new(InputOptions);
    private readonly Pipe _output = new(OutputOptions);
    private readonly CancellationTokenSource _closed = new();
    private readonly SemaphoreSlim _acknowledged = new(0);
    private readonly TaskCompletionSource<bool> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private bool _inputBusy;
    private bool _flushPending;
    private bool _inputEndRequested;
    private bool _inputCompleted;
    private bool _closeSent;

    public DeviceStream(DeviceConnection connection, uint localId, uint remoteId, string destination)
    {
        _connection = connection;
        LocalId = localId;
        RemoteId = remoteId;
        Destination = destination;
        if (remoteId != 0) _opened.TrySetResult(true);
    }

    public uint LocalId { get; }

    /// <summary>The host's id of this stream; 0 while a device-opened stream waits for the host's OKAY.</summary>
    public uint RemoteId { get; private set; }

    /// <summary>The service name the stream was opened with, e.g. <c>shell,v2,raw:ls</c> or <c>tcp:8080</c>.</summary>
    public string Destination { get; }

    /// <summary>Bytes the host writes to this stream; completes when the host closes it.</summary>
    public PipeReader Input => _input.Reader;

    /// <summary>Bytes for the host; complete it to close the stream after everything was delivered.</summary>
    public PipeWriter Output => _output.Writer;

    /// <summary>Cancelled when the stream is closed (by either side) or its connection ends.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>For a device-opened stream: true once the host accepted it, false if it refused.</summary>
    public Task<bool> Opened => _opened.Task;

    /// <summary>
    /// Where the connection reads the next WRTE payload for this stream; null when the stream is
    /// closing and the payload is to be dropped.
    /// </summary>
    internal Memory<byte>? TryGetInputBuffer(int lengthBytes)
    {
        lock (_gate)
        {
            if (_inputEndRequested) return null;
            if (_inputBusy) throw new WireProtocolException($"host wrote to stream {LocalId} before it was acknowledged");
            _inputBusy = true;
        }
        return _input.Writer.GetMemory(lengthBytes)[..lengthBytes];
    }

    /// <summary>The payload is in the input pipe: acknowledge now, or once the service made room.</summary>
    internal ValueTask OnInputWrittenAsync(int lengthBytes)
    {
        _input.Writer.Advance(lengthBytes);
        var flush = _input.Writer.FlushAsync();
        if (!flush.IsCompleted)
        {
            // Not awaited by the reader loop: a slow service must not stall the other streams.
            lock (_gate) _flushPending = true;
            _ = AcknowledgeAfterFlushAsync(flush);
            return ValueTask.CompletedTask;
        }

        try
        {
            flush.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // The service ended its input with an error; the stream is on its way out.
        }
        return InputSettled() ? _connection.Writer.SendAsync(AdbCommand.Okay, LocalId, RemoteId) : ValueTask.CompletedTask;
    }

    private async Task AcknowledgeAfterFlushAsync(ValueTask<FlushResult> flush)
    {
        try
        {
            await flush.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The service ended its input with an error; the stream is on its way out.
        }
        if (!InputSettled()) return;
        try
        {
            await _connection.Writer.SendAsync(AdbCommand.Okay, LocalId, RemoteId).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The connection is gone; its reader loop reports that.
        }
    }

    /// <summary>Ends the input write in progress; true when the stream still wants more data.</summary>
    private bool InputSettled()
    {
        bool end;
        lock (_gate)
        {
            _inputBusy = false;
            _flushPending = false;
            end = _inputEndRequested;
        }
        if (end) CompleteInput();
        return !end;
    }

    /// <summary>The host sent OKAY: it opened our stream, or it consumed our last WRTE.</summary>
    internal void OnAcknowledged(uint remoteId)
    {
        if (RemoteId == 0)
        {
            RemoteId = remoteId;
            _opened.TrySetResult(true);
            return;
        }
        _acknowledged.Release();
    }

    /// <summary>The host sent CLSE: stop the service, answer with our own CLSE unless we sent one.</summary>
    internal async ValueTask OnRemoteClosedAsync()
    {
        bool reply;
        lock (_gate)
        {
            reply = !_closeSent && RemoteId != 0;
            _closeSent = true;
        }
        _opened.TrySetResult(false);
        Terminate();
        if (reply) await _connection.Writer.SendAsync(AdbCommand.Close, LocalId, RemoteId).ConfigureAwait(false);
    }

    /// <summary>The connection ended: everything waiting on this stream stops.</summary>
    internal void OnConnectionLost()
    {
        lock (_gate) _closeSent = true;
        _opened.TrySetResult(false);
        Terminate(readerLoopEnded: true);
    }

    /// <summary>Closes the stream from the device side (once).</summary>
    public async ValueTask CloseAsync()
    {
        bool send;
        lock (_gate)
        {
            send = !_closeSent && RemoteId != 0;
            _closeSent = true;
        }
        Terminate();
        if (send)
        {
            try
            {
                await _connection.Writer.SendAsync(AdbCommand.Close, LocalId, RemoteId).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Connection already gone: the host sees the stream closed either way.
            }
        }
    }

    /// <summary>Sends everything services write to <see cref="Output"/>, one WRTE at a time.</summary>
    internal async Task PumpOutputAsync()
    {
        var reader = _output.Reader;
        var awaitingAck = false;
        try
        {
            while (true)
            {
                if (awaitingAck)
                {
                    await _acknowledged.WaitAsync(Closed).ConfigureAwait(false);
                    awaitingAck = false;
                }
                var result = await reader.ReadAsync(Closed).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (buffer.IsEmpty)
                {
                    if (result.IsCompleted || result.IsCanceled) break;
                    reader.AdvanceTo(buffer.End);
                    continue;
                }
                var chunk = buffer.Slice(0, Math.Min(buffer.Length, _connection.MaxPayloadBytes));
                await _connection.Writer.SendAsync(AdbCommand.Write, LocalId, RemoteId, chunk).ConfigureAwait(false);
                reader.AdvanceTo(chunk.End);
                awaitingAck = true;
            }
            // The last WRTE is acknowledged before CLSE so the host has taken every byte.
            if (awaitingAck) await _acknowledged.WaitAsync(Closed).ConfigureAwait(false);
            await CloseAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Closed.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            // The connection failed while sending; the connection's reader loop ends the session.
            Terminate();
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Marks the stream closed; input is completed now, or after the write in progress.</summary>
    private void Terminate(bool readerLoopEnded = false)
    {
        _connection.Forget(this);
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        bool endNow;
        lock (_gate)
        {
            _inputEndRequested = true;
            // A payload read cut off by a dead connection never settles; a pending flush always does.
            endNow = !_inputBusy || (readerLoopEnded && !_flushPending);
        }
        if (endNow) CompleteInput();
        else _input.Writer.CancelPendingFlush();
    }

    private void CompleteInput()
    {
        lock (_gate)
        {
            if (_inputCompleted) return;
            _inputCompleted = true;
        }
        _input.Writer.Complete();
    }
}
