using System.Buffers;
using System.IO.Pipelines;

namespace DeviceLab.VirtualDevice.Services.Shell;

/// <summary>
/// Writes what a command prints to the stream as soon as it is read, stdout and stderr taking turns
/// (one writer at a time on the stream). With the shell protocol each chunk gets its packet header.
/// </summary>
internal sealed class ShellOutput(PipeWriter output, bool usesShellProtocol)
{
    private const int ReadChunkBytes = 64 * 1024;
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Copies a pipe of the command until it ends or the stream closes.</summary>
    public async Task ForwardAsync(Stream source, byte packetId, CancellationToken closed)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
        try
        {
            while (true)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, ReadChunkBytes), closed).ConfigureAwait(false);
                if (read == 0) return;
                if (!await WriteAsync(packetId, buffer.AsMemory(0, read)).ConfigureAwait(false)) return;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes and flushes one chunk; false once the stream no longer takes output.</summary>
    public async ValueTask<bool> WriteAsync(byte packetId, ReadOnlyMemory<byte> data)
    {
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            if (usesShellProtocol)
            {
                ShellPacket.WriteHeader(output.GetSpan(ShellPacket.HeaderBytes), packetId, data.Length);
                output.Advance(ShellPacket.HeaderBytes);
            }
            output.Write(data.Span);
            var result = await output.FlushAsync().ConfigureAwait(false);
            return !result.IsCompleted && !result.IsCanceled;
        }
        finally
        {
            _turn.Release();
        }
    }
}
