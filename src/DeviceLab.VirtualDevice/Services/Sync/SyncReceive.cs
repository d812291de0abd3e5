using System.IO.Pipelines;
using DeviceLab.VirtualDevice.Sandbox;

namespace DeviceLab.VirtualDevice.Services.Sync;

/// <summary>
/// RECV path → DATA chunks (≤ 64 KiB, read from the file straight into the stream's output) → DONE,
/// or FAIL(message) when the file cannot be read.
/// </summary>
internal static class SyncReceive
{
    private const int FlushEveryBytes = 256 * 1024;

    /// <summary>Sends one file; false when the sync session must end (after a FAIL).</summary>
    public static async ValueTask<bool> SendFileAsync(PipeWriter output, MappedPath source, CancellationToken closed)
    {
        if (source.Kind != MappedPathKind.Sandbox)
            return Fail(output, source.Kind == MappedPathKind.Ancestor ? "open failed: Is a directory" : $"open failed: {source.Problem}");
        if (Directory.Exists(source.HostPath)) return Fail(output, "open failed: Is a directory");

        Microsoft.Win32.SafeHandles.SafeFileHandle file;
        try
        {
            file = File.OpenHandle(source.HostPath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail(output, "open failed: No such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            return Fail(output, "open failed: Permission denied");
        }

        using (file)
        {
            long offsetBytes = 0, unflushedBytes = 0;
            while (true)
            {
                var memory = output.GetMemory(8 + SyncId.MaxDataBytes);
                int read;
                try
                {
                    read = await RandomAccess.ReadAsync(file, memory.Slice(8, SyncId.MaxDataBytes), offsetBytes, closed).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    return Fail(output, $"read failed: {e.Message}");
                }
                if (read == 0) break;
                SyncReplies.WriteHeader(memory.Span, SyncId.Data, (uint)read);
                output.Advance(8 + read);
                offsetBytes += read;
                unflushedBytes += 8 + read;
                if (unflushedBytes < FlushEveryBytes) continue;
                unflushedBytes = 0;
                if ((await output.FlushAsync(closed).ConfigureAwait(false)).IsCompleted) return false;
            }
        }
        SyncReplies.WriteStatus(output, SyncId.Done);
        return true;
    }

    private static bool Fail(PipeWriter output, string message)
    {
        SyncReplies.WriteFail(output, message);
        return false;
    }
}
