using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;
using DeviceLab.VirtualDevice.Services.Sync;

namespace DeviceLab.VirtualDevice.Tests.Services.Sync;

public sealed class SyncReaderTests
{
    [Fact]
    public async Task Messages_split_byte_by_byte_are_read_whole()
    {
        var content = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var wire = Message(SyncId.Send, "/data/local/tmp/x,33188").Concat(Header(SyncId.Data, content.Length)).Concat(content).Concat(Header(SyncId.Done, 1234)).ToArray();
        var pipe = new Pipe();
        var reader = new SyncReader(pipe.Reader, default);
        var feeding = Task.Run(async () =>
        {
            foreach (var b in wire)
            {
                await pipe.Writer.WriteAsync(new[] { b });
            }
            await pipe.Writer.CompleteAsync();
        });

        var (sendId, pathLength) = (await reader.ReadHeaderAsync())!.Value;
        var path = await reader.ReadStringAsync((int)pathLength);
        var (dataId, dataLength) = (await reader.ReadHeaderAsync())!.Value;
        var received = new MemoryStream();
        await reader.CopyToAsync((int)dataLength, received);
        var (doneId, mtime) = (await reader.ReadHeaderAsync())!.Value;
        await feeding;

        Assert.Equal((SyncId.Send, "/data/local/tmp/x,33188"), (sendId, path));
        Assert.Equal(SyncId.Data, dataId);
        Assert.Equal(content, received.ToArray());
        Assert.Equal((SyncId.Done, 1234u), (doneId, mtime));
        Assert.Null(await reader.ReadHeaderAsync());
    }

    [Fact]
    public async Task Stream_ending_inside_a_message_is_an_error_not_a_clean_end()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Header(SyncId.Data, 100).Concat(new byte[10]).ToArray());
        await pipe.Writer.CompleteAsync();
        var reader = new SyncReader(pipe.Reader, default);

        var (_, length) = (await reader.ReadHeaderAsync())!.Value;
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.CopyToAsync((int)length, Stream.Null));
    }

    [Fact]
    public async Task Body_buffered_across_pipe_segments_and_finished_later_is_copied_exactly()
    {
        // The layout of a device input pipe after a few WRTEs of different sizes (each WRTE its own segment):
        //   segment 1: DATA(300) header + 100 body bytes    segment 2: 200 body bytes + DATA(1000) header + 50 body bytes
        //   segment 3: 100 body bytes                        later:     the other 850 body bytes + DONE
        // The second body's first read takes the 150 bytes in segments 2 and 3 and frees both segments. Measured after
        // AdvanceTo (ADR 0055) its length came out as -108, and the reader wanted 258 bytes past the end of the body.
        var first = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var second = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7 + 3)).ToArray();
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        await AppendSegmentAsync(pipe.Writer, [.. Header(SyncId.Data, 300), .. first[..100]]);
        await AppendSegmentAsync(pipe.Writer, [.. first[100..], .. Header(SyncId.Data, 1000), .. second[..50]]);
        await AppendSegmentAsync(pipe.Writer, second[50..150]);
        var reader = new SyncReader(pipe.Reader, default);

        Assert.Equal((SyncId.Data, 300u), (await reader.ReadHeaderAsync())!.Value);
        var firstReceived = new MemoryStream();
        await reader.CopyToAsync(300, firstReceived);
        Assert.Equal((SyncId.Data, 1000u), (await reader.ReadHeaderAsync())!.Value);
        var secondReceived = new MemoryStream();
        var copying = reader.CopyToAsync(1000, secondReceived).AsTask(); // takes the 150 bytes there are, then waits
        await AppendSegmentAsync(pipe.Writer, [.. second[150..], .. Header(SyncId.Done, 1234)]);
        await pipe.Writer.CompleteAsync();
        await copying;

        Assert.Equal(first, firstReceived.ToArray());
        Assert.Equal(second, secondReceived.ToArray());
        Assert.Equal((SyncId.Done, 1234u), (await reader.ReadHeaderAsync())!.Value);
    }

    /// <summary>Writes and flushes <paramref name="bytes"/> in a segment of its own, as the device does with a WRTE too big for the last one.</summary>
    private static async Task AppendSegmentAsync(PipeWriter writer, byte[] bytes)
    {
        // A size hint above what any earlier segment has left forces a new segment.
        var memory = writer.GetMemory(64 * 1024);
        bytes.CopyTo(memory);
        writer.Advance(bytes.Length);
        await writer.FlushAsync();
    }

    internal static byte[] Header(uint id, int length)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, id);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)length);
        return bytes;
    }

    internal static byte[] Message(uint id, string text) => Header(id, Encoding.UTF8.GetByteCount(text)).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
}
