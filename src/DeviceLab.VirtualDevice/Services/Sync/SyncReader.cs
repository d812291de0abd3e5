using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;

namespace DeviceLab.VirtualDevice.Services.Sync;

/// <summary>
/// Reads sync messages (8-byte id + length header, then a body) from the stream's input. Messages
/// cross WRTE boundaries freely; every read waits until the whole part it needs has arrived.
/// </summary>
internal sealed class SyncReader(PipeReader input, CancellationToken closed)
{
    /// <summary>The next message header, or null when the host ended the stream between messages.</summary>
    public async ValueTask<(uint Id, uint Length)?> ReadHeaderAsync()
    {
        var buffer = await FillAsync(8).ConfigureAwait(false);
        if (buffer is null) return null;
        Span<byte> header = stackalloc byte[8];
        buffer.Value.Slice(0, 8).CopyTo(header);
        input.AdvanceTo(buffer.Value.GetPosition(8));
        return (BinaryPrimitives.ReadUInt32LittleEndian(header), BinaryPrimitives.ReadUInt32LittleEndian(header[4..]));
    }

    public async ValueTask<string> ReadStringAsync(int lengthBytes)
    {
        var buffer = await FillAsync(lengthBytes).ConfigureAwait(false) ?? throw Truncated(lengthBytes);
        var text = Encoding.UTF8.GetString(buffer.Slice(0, lengthBytes));
        input.AdvanceTo(buffer.GetPosition(lengthBytes));
        return text;
    }

    /// <summary>Copies the next <paramref name="lengthBytes"/> bytes to a destination (null: drops them).</summary>
    public async ValueTask CopyToAsync(int lengthBytes, Stream? destination)
    {
        var remaining = lengthBytes;
        while (remaining > 0)
        {
            var result = await input.ReadAsync(closed).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.IsEmpty && (result.IsCompleted || result.IsCanceled)) throw Truncated(lengthBytes);
            var take = buffer.Slice(0, Math.Min(buffer.Length, remaining));
            // Measured before AdvanceTo, never after: AdvanceTo hands the segments it frees back to the pipe, which
            // zeroes their RunningIndex and may give them at once to the connection's reader loop for the next WRTE.
            // A multi-segment sequence computes Length from its segments' RunningIndex, so afterwards it can be off
            // by up to a whole WRTE (ADR 0055: a push then swallowed the next MiB, sync headers and all, into the file).
            var takeBytes = (int)take.Length;
            try
            {
                if (destination is not null)
                {
                    foreach (var segment in take) await destination.WriteAsync(segment, closed).ConfigureAwait(false);
                }
            }
            finally
            {
                input.AdvanceTo(take.End);
            }
            remaining -= takeBytes;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> bytes are buffered; null if the input ended first with nothing.</summary>
    private async ValueTask<ReadOnlySequence<byte>?> FillAsync(int count)
    {
        while (true)
        {
            var result = await input.ReadAsync(closed).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= count) return buffer;
            if (result.IsCompleted || result.IsCanceled)
            {
                var endedBetweenMessages = buffer.IsEmpty; // before AdvanceTo, like every use of the buffer (see CopyToAsync)
                input.AdvanceTo(buffer.Start, buffer.End);
                if (endedBetweenMessages) return null;
                throw Truncated(count);
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static EndOfStreamException Truncated(int wantedBytes) =>
        new($"sync stream ended inside a message (expected {wantedBytes} more bytes)");
}
