using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using DeviceLab.VirtualDevice.Sandbox;

namespace DeviceLab.VirtualDevice.Services.Sync;

/// <summary>
/// SEND "path,mode" → DATA chunks (≤ 64 KiB) → DONE(mtime), answered OKAY or FAIL(message). Like
/// adbd: an existing file is replaced (unlinked first, so a running program can be replaced),
/// missing parent folders are created, a failed transfer leaves no partial file.
/// </summary>
internal static class SyncSend
{
    private const int FileBufferBytes = 1024 * 1024;
    private const uint TypeMask = 0xF000, SymbolicLink = 0xA000;

    /// <summary>Receives one file; false when the sync session must end (after a FAIL).</summary>
    public static async ValueTask<bool> ReceiveFileAsync(SyncReader reader, PipeWriter output, DevicePaths paths, string spec, CancellationToken closed)
    {
        var comma = spec.LastIndexOf(',');
        if (comma < 0) return await FailAsync(reader, output, $"missing , in SEND request '{spec}'").ConfigureAwait(false);
        if (!TryParseMode(spec[(comma + 1)..], out var mode)) return await FailAsync(reader, output, $"bad mode '{spec[(comma + 1)..]}' in SEND request").ConfigureAwait(false);

        var target = paths.Map(spec[..comma]);
        if (target.Kind == MappedPathKind.Ancestor)
            return await FailAsync(reader, output, $"couldn't create file: '{target.DevicePath}' is read-only on the virtual device (only {DevicePaths.DataLocalTmp} is writable)").ConfigureAwait(false);
        if (target.Kind == MappedPathKind.Outside)
            return await FailAsync(reader, output, $"couldn't create file: {target.Problem}").ConfigureAwait(false);

        var hostPath = target.HostPath!;
        var problem = PrepareTarget(hostPath);
        if (problem is not null) return await FailAsync(reader, output, problem).ConfigureAwait(false);

        var completed = false;
        try
        {
            var outcome = (mode & TypeMask) == SymbolicLink
                ? await ReceiveLinkAsync(reader, hostPath).ConfigureAwait(false)
                : await ReceiveContentAsync(reader, hostPath, DeviceMode(mode), closed).ConfigureAwait(false);
            if (outcome.Problem is not null) return await FailAsync(reader, output, outcome.Problem, drain: outcome.DrainRest).ConfigureAwait(false);

            var modified = DateTime.UnixEpoch.AddSeconds(outcome.ModifiedTimeSeconds);
            if ((mode & TypeMask) != SymbolicLink)
            {
                File.SetLastWriteTimeUtc(hostPath, modified);
                File.SetLastAccessTimeUtc(hostPath, modified);
            }
            SyncReplies.WriteStatus(output, SyncId.Okay);
            completed = true;
            return true;
        }
        finally
        {
            if (!completed) TryDelete(hostPath);
        }
    }

    private static async ValueTask<(string? Problem, bool DrainRest, uint ModifiedTimeSeconds)> ReceiveContentAsync(
        SyncReader reader, string hostPath, UnixFileMode mode, CancellationToken closed)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            BufferSize = FileBufferBytes,
            UnixCreateMode = mode,
        };
        await using var file = new FileStream(hostPath, options);
        while (true)
        {
            var (id, length) = await reader.ReadHeaderAsync().ConfigureAwait(false) ?? throw new EndOfStreamException("sync stream ended during SEND");
            if (id == SyncId.Done)
            {
                await file.FlushAsync(closed).ConfigureAwait(false);
                File.SetUnixFileMode(file.SafeFileHandle, mode); // exact mode, whatever the umask
                return (null, false, length);
            }
            // The offset and the whole header tell whether bytes went missing or came twice.
            if (id != SyncId.Data) return ($"invalid data message '{SyncId.Name(id)}' (length field 0x{length:x8}) during SEND after {file.Position} bytes", false, 0);
            if (length > SyncId.MaxDataBytes) return ($"oversize data message: {length} bytes (at most {SyncId.MaxDataBytes})", false, 0);
            try
            {
                await reader.CopyToAsync((int)length, file).ConfigureAwait(false);
            }
            catch (IOException e) when (e is not EndOfStreamException)
            {
                return ($"write failed: {e.Message}", true, 0);
            }
        }
    }

    /// <summary>A symbolic link: one DATA with the link target, then DONE.</summary>
    private static async ValueTask<(string? Problem, bool DrainRest, uint ModifiedTimeSeconds)> ReceiveLinkAsync(SyncReader reader, string hostPath)
    {
        var (id, length) = await reader.ReadHeaderAsync().ConfigureAwait(false) ?? throw new EndOfStreamException("sync stream ended during SEND");
        if (id != SyncId.Data || length > SyncId.MaxDataBytes) return ("invalid data message: expected the link target in DATA", false, 0);
        var linkTarget = (await reader.ReadStringAsync((int)length).ConfigureAwait(false)).TrimEnd('\0');
        var (doneId, mtime) = await reader.ReadHeaderAsync().ConfigureAwait(false) ?? throw new EndOfStreamException("sync stream ended during SEND");
        if (doneId != SyncId.Done) return ("invalid data message: expected DONE", false, 0);
        File.CreateSymbolicLink(hostPath, linkTarget);
        return (null, false, mtime);
    }

    /// <summary>Makes room for the new file; a problem message when that is impossible.</summary>
    private static string? PrepareTarget(string hostPath)
    {
        try
        {
            if (Directory.Exists(hostPath) && !IsSymbolicLink(hostPath)) return "couldn't create file: Is a directory";
            if (File.Exists(hostPath) || IsSymbolicLink(hostPath)) File.Delete(hostPath);
            var parent = Path.GetDirectoryName(hostPath)!;
            if (File.Exists(parent)) return $"secure_mkdirs failed: Not a directory ({Path.GetFileName(parent)} is a file)";
            Directory.CreateDirectory(parent);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"couldn't create file: {e.Message}";
        }
    }

    /// <summary>adbd's rule: keep the permission bits, and give group and others what the owner has.</summary>
    internal static UnixFileMode DeviceMode(uint mode)
    {
        var bits = mode & 0x1FF;
        bits |= (bits >> 3) & 0x38;
        bits |= (bits >> 3) & 0x7;
        return (UnixFileMode)bits;
    }

    /// <summary>strtoul with base 0: decimal (what adb sends), 0-prefixed octal or 0x-prefixed hex.</summary>
    internal static bool TryParseMode(string text, out uint mode)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return uint.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out mode);
        if (text.Length > 1 && text[0] == '0')
        {
            mode = 0;
            foreach (var c in text[1..])
            {
                if (c is < '0' or > '7') return false;
                mode = mode * 8 + (uint)(c - '0');
            }
            return true;
        }
        return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out mode);
    }

    /// <summary>FAIL, then (like adbd) swallow the rest of the transfer so the host reads the message.</summary>
    private static async ValueTask<bool> FailAsync(SyncReader reader, PipeWriter output, string message, bool drain = true)
    {
        SyncReplies.WriteFail(output, message);
        await output.FlushAsync().ConfigureAwait(false);
        if (!drain) return false;
        while (await reader.ReadHeaderAsync().ConfigureAwait(false) is var (id, length))
        {
            if (id != SyncId.Data || length > SyncId.MaxDataBytes) break;
            await reader.CopyToAsync((int)length, null).ConfigureAwait(false);
        }
        return false;
    }

    private static bool IsSymbolicLink(string path) =>
        new FileInfo(path) is { Exists: true, LinkTarget: not null } || new DirectoryInfo(path) is { Exists: true, LinkTarget: not null };

    private static void TryDelete(string hostPath)
    {
        try
        {
            if (File.Exists(hostPath) || IsSymbolicLink(hostPath)) File.Delete(hostPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
