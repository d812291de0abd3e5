using System.Buffers.Binary;
using System.Text;

namespace DeviceLab.Adb.Sync;

public sealed partial class AdbSyncSession
{
    /// <summary>
    /// Pulls <paramref name="remotePath"/> into <paramref name="destination"/> (RECV → DATA… → DONE).
    /// Progress carries the total when the file could be stat'ed first.
    /// </summary>
    /// <exception cref="AdbSyncException">The device cannot read the file (its words are in the message).</exception>
    /// <exception cref="AdbConnectionLostException">The device or server went away during the pull.</exception>
    public Task PullAsync(
        string remotePath, Stream destination, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return RunAsync($"pull of '{remotePath}'", async ct =>
        {
            long? total = null;
            if (progress is not null)
            {
                var info = await StatCoreAsync(remotePath, ct).ConfigureAwait(false);
                if (info is null) throw new AdbSyncException(Serial, _connection.Operation.Description, "no such file");
                total = info.Size;
            }
            await SendRequestAsync(SyncId.Receive, remotePath, ct).ConfigureAwait(false);
            await ReceiveDataAsync(destination, total, progress, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    private async Task ReceiveDataAsync(Stream destination, long? total, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        long received = 0;
        progress?.Report(new SyncProgress(0, total));
        while (true)
        {
            var header = await _connection.ReadBlockAsync(8, cancellationToken).ConfigureAwait(false);
            var id = BinaryPrimitives.ReadUInt32LittleEndian(header.Span);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header.Span[4..]);
            if (id == SyncId.Done) return;
            if (id == SyncId.Fail)
            {
                var message = Encoding.UTF8.GetString((await _connection.ReadBlockAsync(length, cancellationToken).ConfigureAwait(false)).Span);
                throw new AdbSyncException(Serial, _connection.Operation.Description, message);
            }
            if (id != SyncId.Data) throw UnexpectedId(id, SyncId.Data);
            if (length is < 0 or > SyncId.MaxDataBytes)
            {
                throw new AdbProtocolException($"device '{Serial}' sent a DATA message of {length} bytes (at most {SyncId.MaxDataBytes}) ({_connection.Operation.Description})");
            }
            for (var remaining = length; remaining > 0;)
            {
                var chunk = await _connection.ReadChunkAsync(remaining, cancellationToken).ConfigureAwait(false);
                await destination.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                remaining -= chunk.Length;
            }
            received += length;
            progress?.Report(new SyncProgress(received, total));
        }
    }
}
