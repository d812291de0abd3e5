using System.Buffers.Binary;
using System.Text;
using DeviceLab.Adb.Protocol;

namespace DeviceLab.Adb.Sync;

/// <summary>
/// One <c>sync:</c> connection to a device: any number of stat / list / push / pull requests, one at a time.
/// Uses STA2 and LIS2 when the device advertises <c>stat_v2</c> / <c>ls_v2</c>, STAT and LIST otherwise.
/// After a failure (device FAIL, lost connection, cancellation) the device ends the session: open a new one.
/// </summary>
public sealed partial class AdbSyncSession : IAsyncDisposable, IDisposable
{
    private readonly AdbConnection _connection;
    private readonly bool _statV2;
    private readonly bool _listV2;
    private bool _broken;
    private bool _busy;
    private bool _disposed;

    internal AdbSyncSession(AdbConnection connection, string serial, AdbFeatureSet features)
    {
        _connection = connection;
        Serial = serial;
        _statV2 = features.Has(AdbFeatureSet.StatV2);
        _listV2 = features.Has(AdbFeatureSet.ListV2);
    }

    public string Serial { get; }

    /// <summary>Stats a remote path (following symlinks on stat_v2 devices); null when it does not exist.</summary>
    public Task<RemoteFileInfo?> StatAsync(string remotePath, CancellationToken cancellationToken = default) =>
        RunAsync($"stat of '{remotePath}'", ct => StatCoreAsync(remotePath, ct), cancellationToken);

    /// <summary>The entries of a remote directory, without "." and "..".</summary>
    /// <exception cref="AdbSyncException">The path does not exist or is not a directory.</exception>
    public Task<IReadOnlyList<RemoteDirectoryEntry>> ListAsync(string remotePath, CancellationToken cancellationToken = default) =>
        RunAsync($"list of '{remotePath}'", ct => ListCoreAsync(remotePath, ct), cancellationToken);

    /// <summary>Ends the session with QUIT (when it is still in step) and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        if (!_broken && !_busy)
        {
            var quit = new byte[8];
            WriteHeader(quit, SyncId.Quit, 0);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _connection.WriteAsync(quit, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AdbConnectionLostException or OperationCanceledException)
            {
                // The device is gone or stuck: closing the socket below is all that is left to do.
            }
        }
        Dispose();
    }

    /// <summary>Closes the connection; the device treats that as the end of the session.</summary>
    public void Dispose()
    {
        _disposed = true;
        _broken = true;
        _connection.Dispose();
    }

    /// <summary>Runs one request, naming it in errors, and marks the session unusable when it does not end cleanly.</summary>
    private async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_broken) throw new InvalidOperationException($"this sync session with device '{Serial}' ended after an earlier error; open a new one");
        if (_busy) throw new InvalidOperationException("a sync session runs one request at a time");
        _busy = true;
        _connection.Operation = new AdbOperation(Serial, operation);
        try
        {
            return await request(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _broken = true;
            throw;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<RemoteFileInfo?> StatCoreAsync(string remotePath, CancellationToken cancellationToken)
    {
        await SendRequestAsync(_statV2 ? SyncId.StatV2 : SyncId.Stat, remotePath, cancellationToken).ConfigureAwait(false);
        if (_statV2)
        {
            var reply = (await _connection.ReadBlockAsync(72, cancellationToken).ConfigureAwait(false)).Span;
            ExpectId(reply, SyncId.StatV2);
            var error = BinaryPrimitives.ReadUInt32LittleEndian(reply[4..]);
            if (error == 2) return null; // ENOENT
            if (error != 0) throw new AdbSyncException(Serial, _connection.Operation.Description, $"errno {error}");
            return StatV2(remotePath, reply[8..]);
        }
        var v1 = (await _connection.ReadBlockAsync(16, cancellationToken).ConfigureAwait(false)).Span;
        ExpectId(v1, SyncId.Stat);
        var mode = BinaryPrimitives.ReadUInt32LittleEndian(v1[4..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(v1[8..]);
        var mtime = BinaryPrimitives.ReadUInt32LittleEndian(v1[12..]);
        // STAT has no error field: a missing path is all zeros.
        return mode == 0 && size == 0 && mtime == 0 ? null : new RemoteFileInfo(remotePath, mode, size, DateTimeOffset.FromUnixTimeSeconds(mtime));
    }

    private async Task<IReadOnlyList<RemoteDirectoryEntry>> ListCoreAsync(string remotePath, CancellationToken cancellationToken)
    {
        await SendRequestAsync(_listV2 ? SyncId.ListV2 : SyncId.List, remotePath, cancellationToken).ConfigureAwait(false);
        var entryId = _listV2 ? SyncId.DirectoryEntryV2 : SyncId.DirectoryEntry;
        var headerBytes = _listV2 ? 76 : 20;
        var entries = new List<RemoteDirectoryEntry>();
        while (true)
        {
            var header = (await _connection.ReadBlockAsync(headerBytes, cancellationToken).ConfigureAwait(false)).ToArray();
            var id = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (id == SyncId.Done) break;
            if (id != entryId) throw UnexpectedId(id, entryId);
            var nameLength = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(headerBytes - 4));
            if (nameLength is < 0 or > 4096) throw new AdbProtocolException($"directory entry name of {nameLength} bytes ({_connection.Operation})");
            var name = Encoding.UTF8.GetString((await _connection.ReadBlockAsync(nameLength, cancellationToken).ConfigureAwait(false)).Span);
            if (name is "." or "..") continue;
            var path = remotePath.EndsWith('/') ? remotePath + name : $"{remotePath}/{name}";
            var info = _listV2
                ? StatV2(path, header.AsSpan(8))
                : new RemoteFileInfo(path,
                    BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)),
                    BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8)),
                    DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12))));
            entries.Add(new RemoteDirectoryEntry(name, info));
        }
        if (entries.Count == 0)
        {
            // The device answers an unreadable or missing directory with an empty listing; say which it is.
            var info = await StatCoreAsync(remotePath, cancellationToken).ConfigureAwait(false);
            if (info is null) throw new AdbSyncException(Serial, $"list of '{remotePath}'", "no such directory");
            if (!info.IsDirectory) throw new AdbSyncException(Serial, $"list of '{remotePath}'", "not a directory");
        }
        return entries;
    }

    /// <summary>The fields after id and error: dev u64, ino u64, mode, nlink, uid, gid (u32), size u64, atime, mtime, ctime (i64).</summary>
    private static RemoteFileInfo StatV2(string path, ReadOnlySpan<byte> fields)
    {
        var mode = BinaryPrimitives.ReadUInt32LittleEndian(fields[16..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(fields[32..]);
        var mtime = BinaryPrimitives.ReadInt64LittleEndian(fields[48..]);
        return new RemoteFileInfo(path, mode, size, DateTimeOffset.FromUnixTimeSeconds(mtime));
    }

    private async ValueTask SendRequestAsync(uint id, string remotePath, CancellationToken cancellationToken)
    {
        var pathBytes = RemotePathBytes(remotePath);
        var request = new byte[8 + pathBytes.Length];
        WriteHeader(request, id, pathBytes.Length);
        pathBytes.CopyTo(request, 8);
        await _connection.WriteAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] RemotePathBytes(string remotePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(remotePath);
        if (remotePath.AsSpan().IndexOfAny("\0\n") >= 0) throw new ArgumentException($"'{remotePath}' is not a valid remote path", nameof(remotePath));
        var bytes = Encoding.UTF8.GetBytes(remotePath);
        return bytes.Length <= SyncId.MaxPathBytes
            ? bytes
            : throw new ArgumentException($"a remote path is at most {SyncId.MaxPathBytes} bytes; '{remotePath}' has {bytes.Length}", nameof(remotePath));
    }

    private static void WriteHeader(Span<byte> destination, uint id, int length)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, id);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], length);
    }

    private void ExpectId(ReadOnlySpan<byte> reply, uint expected)
    {
        var id = BinaryPrimitives.ReadUInt32LittleEndian(reply);
        if (id != expected) throw UnexpectedId(id, expected);
    }

    private AdbProtocolException UnexpectedId(uint id, uint expected) =>
        new($"device '{Serial}' sent sync message '{SyncId.Name(id)}' where '{SyncId.Name(expected)}' belongs ({_connection.Operation.Description})");
}
