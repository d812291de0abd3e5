using System.Globalization;
using System.Text;
using DeviceLab.Adb.Protocol;

namespace DeviceLab.Adb.Shell;

/// <summary>
/// The plain <c>shell:</c> service gives raw bytes until EOF and no exit code, so an early EOF would pass for
/// success. The client appends a status line (<c>\x1Edevicelab-exit:N</c>) to the command and strips it from the
/// output: a stream without it is a lost connection. The last bytes are held back until EOF because the status
/// line is always the stream's tail.
/// </summary>
internal static class LegacyShellStream
{
    private const string MarkerText = "\u001Edevicelab-exit:";
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes(MarkerText);

    /// <summary>Marker + up to 3 digits + CR LF (a pty turns LF into CR LF).</summary>
    private static readonly int TailBytes = Marker.Length + 3 + 2;

    /// <summary>The command line for <c>shell:</c>; the subshell keeps an <c>exit</c> in the command from skipping the status line.</summary>
    public static string CommandLine(ShellCommand command) =>
        $"({command.CommandLine}); printf '\\036devicelab-exit:%d\\n' \"$?\"";

    public static async Task<int> RunAsync(AdbConnection connection, ShellOutputHandler standardOutput, CancellationToken cancellationToken)
    {
        var tail = new byte[TailBytes];
        var tailLength = 0;
        while (true)
        {
            var chunk = await connection.TryReadChunkAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
            if (chunk.IsEmpty) break;

            var total = tailLength + chunk.Length;
            if (total <= TailBytes)
            {
                chunk.Span.CopyTo(tail.AsSpan(tailLength));
                tailLength = total;
                continue;
            }
            // Deliver everything except the newest TailBytes bytes, oldest first.
            var deliver = total - TailBytes;
            var fromTail = Math.Min(deliver, tailLength);
            if (fromTail > 0) await standardOutput(tail.AsMemory(0, fromTail), cancellationToken).ConfigureAwait(false);
            var fromChunk = deliver - fromTail;
            if (fromChunk > 0) await standardOutput(chunk[..fromChunk], cancellationToken).ConfigureAwait(false);
            tail.AsSpan(fromTail, tailLength - fromTail).CopyTo(tail);
            var kept = tailLength - fromTail;
            chunk.Span[fromChunk..].CopyTo(tail.AsSpan(kept));
            tailLength = kept + chunk.Length - fromChunk;
        }

        var markerAt = tail.AsSpan(0, tailLength).LastIndexOf(Marker);
        if (markerAt < 0) throw connection.Lost("the shell stream ended without its exit status line");
        if (markerAt > 0) await standardOutput(tail.AsMemory(0, markerAt), cancellationToken).ConfigureAwait(false);
        var statusText = Encoding.ASCII.GetString(tail.AsSpan(markerAt + Marker.Length, tailLength - markerAt - Marker.Length)).TrimEnd('\r', '\n');
        return int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var exitCode)
            ? exitCode
            : throw new AdbProtocolException($"the shell's exit status line '{statusText}' is not a number ({connection.Operation})");
    }
}
