using System.Buffers;
using System.Buffers.Binary;
using DeviceLab.Adb.Protocol;

namespace DeviceLab.Adb.Shell;

/// <summary>
/// The shell v2 packet stream: 1-byte id + 4-byte little-endian length + data. Packets cross read boundaries,
/// so the header and the data are read from the connection as a byte stream. A stream that ends before the
/// exit packet is a lost connection, never a success.
/// </summary>
internal static class ShellV2Stream
{
    private const byte StandardInputId = 0;
    private const byte StandardOutputId = 1;
    private const byte StandardErrorId = 2;
    private const byte ExitId = 3;
    private const byte CloseStandardInputId = 4;
    private const int HeaderBytes = 5;
    private const int StandardInputChunkBytes = 64 * 1024;

    public static async Task<int> RunAsync(
        AdbConnection connection, ShellOutputHandler standardOutput, ShellOutputHandler standardError,
        Stream? standardInput, CancellationToken cancellationToken)
    {
        using var stopInput = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inputPump = SendStandardInputAsync(connection, standardInput, stopInput.Token);
        try
        {
            return await ReadUntilExitAsync(connection, standardOutput, standardError, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopInput.CancelAsync().ConfigureAwait(false);
            await ObserveAsync(inputPump).ConfigureAwait(false);
        }
    }

    private static async Task<int> ReadUntilExitAsync(
        AdbConnection connection, ShellOutputHandler standardOutput, ShellOutputHandler standardError, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await connection.WaitForDataAsync(cancellationToken).ConfigureAwait(false))
            {
                throw connection.Lost("the shell stream ended without an exit status");
            }
            var header = await connection.ReadBlockAsync(HeaderBytes, cancellationToken).ConfigureAwait(false);
            var id = header.Span[0];
            var remaining = BinaryPrimitives.ReadUInt32LittleEndian(header.Span[1..]);
            if (id == ExitId)
            {
                if (remaining < 1) throw new AdbProtocolException($"shell v2 exit packet without a status ({connection.Operation})");
                var status = await connection.ReadBlockAsync((int)remaining, cancellationToken).ConfigureAwait(false);
                return status.Span[0];
            }
            var handler = id switch
            {
                StandardOutputId => standardOutput,
                StandardErrorId => standardError,
                _ => null, // window-size and unknown packets carry nothing for us
            };
            while (remaining > 0)
            {
                var chunk = await connection.ReadChunkAsync((int)Math.Min(remaining, int.MaxValue), cancellationToken).ConfigureAwait(false);
                remaining -= (uint)chunk.Length;
                if (handler is not null) await handler(chunk, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Copies stdin into packets, then closes the command's stdin so programs that read it see EOF.</summary>
    private static async Task SendStandardInputAsync(AdbConnection connection, Stream? standardInput, CancellationToken cancellationToken)
    {
        var packet = ArrayPool<byte>.Shared.Rent(HeaderBytes + StandardInputChunkBytes);
        try
        {
            if (standardInput is not null)
            {
                while (true)
                {
                    var read = await standardInput.ReadAsync(packet.AsMemory(HeaderBytes, StandardInputChunkBytes), cancellationToken).ConfigureAwait(false);
                    if (read == 0) break;
                    WriteHeader(packet, StandardInputId, read);
                    await connection.WriteAsync(packet.AsMemory(0, HeaderBytes + read), cancellationToken).ConfigureAwait(false);
                }
            }
            WriteHeader(packet, CloseStandardInputId, 0);
            await connection.WriteAsync(packet.AsMemory(0, HeaderBytes), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packet);
        }
    }

    private static void WriteHeader(byte[] packet, byte id, int length)
    {
        packet[0] = id;
        BinaryPrimitives.WriteInt32LittleEndian(packet.AsSpan(1, 4), length);
    }

    /// <summary>The reader reports a lost connection with the operation's name; the stdin side only needs to stop.</summary>
    private static async Task ObserveAsync(Task inputPump)
    {
        try
        {
            await inputPump.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or AdbConnectionLostException)
        {
        }
    }
}
