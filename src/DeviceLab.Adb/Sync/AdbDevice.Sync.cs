using DeviceLab.Adb.Sync;

namespace DeviceLab.Adb;

public sealed partial class AdbDevice
{
    /// <summary>Opens a sync session for several file requests over one connection.</summary>
    public async Task<AdbSyncSession> OpenSyncAsync(CancellationToken cancellationToken = default) =>
        await OpenSyncAsync(await GetFeaturesAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Opens a sync session that speaks only what <paramref name="features"/> allows (tests use it to exercise STAT / LIST).</summary>
    internal async Task<AdbSyncSession> OpenSyncAsync(AdbFeatureSet features, CancellationToken cancellationToken)
    {
        var connection = await OpenServiceAsync("sync:", "sync", cancellationToken).ConfigureAwait(false);
        return new AdbSyncSession(connection, Serial, features);
    }

    /// <inheritdoc cref="AdbSyncSession.PushAsync"/>
    public async Task PushAsync(
        Stream source, string remotePath, UnixFileMode? permissions = null, DateTimeOffset? modifiedAt = null,
        IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var sync = await OpenSyncAsync(cancellationToken).ConfigureAwait(false);
        await sync.PushAsync(source, remotePath, permissions, modifiedAt, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pushes a local file, keeping its permission bits and modification time.</summary>
    public async Task PushFileAsync(
        string localPath, string remotePath, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // No FileStream buffer: the push reads 64 KiB chunks straight into its own pooled batch buffers.
        await using var source = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        var permissions = OperatingSystem.IsWindows() ? (UnixFileMode?)null : File.GetUnixFileMode(source.SafeFileHandle);
        var modifiedAt = new DateTimeOffset(File.GetLastWriteTimeUtc(localPath));
        await PushAsync(source, remotePath, permissions, modifiedAt, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="AdbSyncSession.PullAsync"/>
    public async Task PullAsync(
        string remotePath, Stream destination, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var sync = await OpenSyncAsync(cancellationToken).ConfigureAwait(false);
        await sync.PullAsync(remotePath, destination, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pulls a remote file to a local path. The bytes land in a side file that replaces the destination only
    /// when the pull completed, so a failed pull never leaves a truncated file under the real name.
    /// </summary>
    public async Task PullFileAsync(
        string remotePath, string localPath, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var partialPath = localPath + ".partial";
        try
        {
            await using (var destination = new FileStream(partialPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                await PullAsync(remotePath, destination, progress, cancellationToken).ConfigureAwait(false);
            }
            File.Move(partialPath, localPath, overwrite: true);
        }
        catch
        {
            // Exists first: with a missing folder, Delete would throw and hide the real error.
            if (File.Exists(partialPath)) File.Delete(partialPath);
            throw;
        }
    }

    /// <inheritdoc cref="AdbSyncSession.StatAsync"/>
    public async Task<RemoteFileInfo?> StatAsync(string remotePath, CancellationToken cancellationToken = default)
    {
        await using var sync = await OpenSyncAsync(cancellationToken).ConfigureAwait(false);
        return await sync.StatAsync(remotePath, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="AdbSyncSession.ListAsync"/>
    public async Task<IReadOnlyList<RemoteDirectoryEntry>> ListDirectoryAsync(string remotePath, CancellationToken cancellationToken = default)
    {
        await using var sync = await OpenSyncAsync(cancellationToken).ConfigureAwait(false);
        return await sync.ListAsync(remotePath, cancellationToken).ConfigureAwait(false);
    }
}
