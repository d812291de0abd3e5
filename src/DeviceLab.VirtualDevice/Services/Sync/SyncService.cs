using DeviceLab.VirtualDevice.Sandbox;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Services.Sync;

/// <summary>
/// <c>sync:</c>: file transfer requests (STAT/STA2/LST2, LIST/LIS2, SEND, RECV, QUIT) one after
/// the other on one stream, paths mapped through the sandbox.
/// </summary>
internal sealed class SyncService(DevicePaths paths) : IDeviceService
{
    public async Task RunAsync(DeviceStream stream)
    {
        var reader = new SyncReader(stream.Input, stream.Closed);
        var output = stream.Output;
        while (await reader.ReadHeaderAsync().ConfigureAwait(false) is var (id, length))
        {
            if (id == SyncId.Quit) return;
            if (length > SyncId.MaxPathBytes)
            {
                SyncReplies.WriteFail(output, $"path too long: {length} bytes (at most {SyncId.MaxPathBytes})");
                return;
            }
            var path = await reader.ReadStringAsync((int)length).ConfigureAwait(false);
            var keepGoing = id switch
            {
                SyncId.Stat or SyncId.Stat2 or SyncId.Lstat2 => SyncStat.Reply(output, id, paths.Map(path)),
                SyncId.List or SyncId.List2 => SyncList.Reply(output, id == SyncId.List2, paths.Map(path)),
                SyncId.Send => await SyncSend.ReceiveFileAsync(reader, output, paths, path, stream.Closed).ConfigureAwait(false),
                SyncId.Recv => await SyncReceive.SendFileAsync(output, paths.Map(path), stream.Closed).ConfigureAwait(false),
                _ => Unknown(output, id),
            };
            var flushed = await output.FlushAsync(stream.Closed).ConfigureAwait(false);
            if (!keepGoing || flushed.IsCompleted) return;
        }
    }

    private static bool Unknown(System.IO.Pipelines.PipeWriter output, uint id)
    {
        SyncReplies.WriteFail(output, $"unknown sync command '{SyncId.Name(id)}'");
        return false;
    }
}
