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

    internal static byte[] Header(uint id, int length)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, id);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)length);
        return bytes;
    }

    internal static byte[] Message(uint id, string text) => Header(id, Encoding.UTF8.GetByteCount(text)).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
}
