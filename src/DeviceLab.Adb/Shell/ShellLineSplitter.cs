using System.Buffers;
using System.Text;

namespace DeviceLab.Adb.Shell;

/// <summary>
/// Turns a command's output pieces into whole lines as they complete (e.g. the agent's JSON-lines events), however
/// the pieces split lines or multi-byte characters. <c>\n</c> ends a line; a <c>\r</c> before it is dropped.
/// Pass <see cref="Handler"/> to <c>ExecuteShellAsync</c> and call <see cref="CompleteAsync"/> after it returns
/// to get a last line that had no newline.
/// </summary>
public sealed class ShellLineSplitter(Func<string, CancellationToken, ValueTask> onLine)
{
    private readonly ArrayBufferWriter<byte> _pending = new();

    public ShellOutputHandler Handler => WriteAsync;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var newline = data.Span.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _pending.Write(data.Span);
                return;
            }
            string line;
            if (_pending.WrittenCount == 0)
            {
                line = Decode(data.Span[..newline]);
            }
            else
            {
                _pending.Write(data.Span[..newline]);
                line = Decode(_pending.WrittenSpan);
                _pending.Clear();
            }
            data = data[(newline + 1)..];
            await onLine(line, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Emits the last line when the output did not end with a newline.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_pending.WrittenCount == 0) return;
        var line = Decode(_pending.WrittenSpan);
        _pending.Clear();
        await onLine(line, cancellationToken).ConfigureAwait(false);
    }

    private static string Decode(ReadOnlySpan<byte> line) =>
        Encoding.UTF8.GetString(line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line);
}
