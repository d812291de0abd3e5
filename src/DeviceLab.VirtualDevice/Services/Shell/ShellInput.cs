using System.Buffers;
using System.IO.Pipelines;

namespace DeviceLab.VirtualDevice.Services.Shell;

/// <summary>
/// Feeds what the host sends to the command's stdin: raw bytes, or shell protocol packets (stdin
/// data, close-stdin; window size is ignored because commands run on pipes, not a terminal).
/// </summary>
internal static class ShellInput
{
    public static async Task ForwardAsync(PipeReader input, Stream stdin, bool usesShellProtocol, CancellationToken closed)
    {
        var stdinOpen = true;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(closed).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (usesShellProtocol)
                {
                    while (ShellPacket.TryRead(ref buffer, out var id, out var data))
                    {
                        if (id == ShellPacket.Stdin && stdinOpen) stdinOpen = await WriteAsync(stdin, data, closed).ConfigureAwait(false);
                        else if (id == ShellPacket.CloseStdin && stdinOpen) stdinOpen = Close(stdin);
                    }
                }
                else
                {
                    if (stdinOpen) stdinOpen = await WriteAsync(stdin, buffer, closed).ConfigureAwait(false);
                    buffer = buffer.Slice(buffer.End);
                }
                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled) break;
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (stdinOpen) Close(stdin);
            await input.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Writes to stdin; false when the command closed it (it exited or stopped reading).</summary>
    private static async ValueTask<bool> WriteAsync(Stream stdin, ReadOnlySequence<byte> data, CancellationToken closed)
    {
        try
        {
            foreach (var segment in data) await stdin.WriteAsync(segment, closed).ConfigureAwait(false);
            await stdin.FlushAsync(closed).ConfigureAwait(false);
            return true;
        }
        catch (IOException)
        {
            return Close(stdin);
        }
    }

    private static bool Close(Stream stdin)
    {
        try
        {
            stdin.Dispose();
        }
        catch (IOException)
        {
        }
        return false;
    }
}
