using System.IO.Pipelines;
using DeviceLab.VirtualDevice.Sandbox;

namespace DeviceLab.VirtualDevice.Services.Sync;

/// <summary>
/// STAT (lstat, 16 bytes: all zero when missing), STA2 (stat) and LST2 (lstat), 72 bytes with the
/// errno in the error field when missing. The folders above /data/local/tmp stat as directories.
/// </summary>
internal static class SyncStat
{
    public static bool Reply(PipeWriter output, uint id, MappedPath path)
    {
        var status = Lookup(path, followLinks: id == SyncId.Stat2, out var errno);
        if (id == SyncId.Stat) SyncReplies.WriteStat(output, status);
        else SyncReplies.WriteStat2(output, id, status, errno);
        return true;
    }

    /// <summary>The stat of a device path, or null with a Linux errno.</summary>
    public static FileStatus? Lookup(MappedPath path, bool followLinks, out int errno)
    {
        switch (path.Kind)
        {
            case MappedPathKind.Sandbox:
                return FileStatus.Get(path.HostPath!, followLinks, out errno);
            case MappedPathKind.Ancestor:
                errno = 0;
                return AncestorDirectory(path);
            default:
                errno = FileStatus.NoSuchFile;
                return null;
        }
    }

    /// <summary>/, /data, /data/local: read-only directories with the sandbox's times.</summary>
    private static FileStatus AncestorDirectory(MappedPath path)
    {
        const uint readOnlyDirectory = FileStatus.Directory | 0b111_101_101; // drwxr-xr-x
        var times = FileStatus.Get("/", followLinks: true, out _);
        return new FileStatus(times?.Device ?? 0, times?.Inode ?? 0, readOnlyDirectory, 2, 0, 0, 4096,
            times?.AccessTimeSeconds ?? 0, times?.ModifyTimeSeconds ?? 0, times?.ChangeTimeSeconds ?? 0);
    }
}
