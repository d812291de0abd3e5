using System.IO.Pipelines;
using DeviceLab.VirtualDevice.Sandbox;

namespace DeviceLab.VirtualDevice.Services.Sync;

/// <summary>
/// LIST (DENT entries) and LIS2 (DNT2 entries with full stat), then DONE. Like adbd the listing
/// includes "." and ".."; a missing folder lists nothing. Above /data/local/tmp each folder lists
/// the one step down towards it.
/// </summary>
internal static class SyncList
{
    public static bool Reply(PipeWriter output, bool version2, MappedPath path)
    {
        foreach (var (name, hostPath) in Entries(path))
        {
            var status = hostPath is null
                ? SyncStat.Lookup(new MappedPath(path.DevicePath, MappedPathKind.Ancestor, null, null), false, out var errno)
                : FileStatus.Get(hostPath, followLinks: false, out errno);
            if (version2) SyncReplies.WriteDent2(output, status, errno, name);
            else if (status is { } s) SyncReplies.WriteDent(output, s, name);
        }
        SyncReplies.WriteListDone(output, version2);
        return true;
    }

    /// <summary>Names in a folder and their host paths (null: a synthetic folder above the sandbox).</summary>
    private static IEnumerable<(string Name, string? HostPath)> Entries(MappedPath path)
    {
        if (path.Kind == MappedPathKind.Ancestor)
        {
            var below = DevicePaths.DataLocalTmp[path.DevicePath.TrimEnd('/').Length..].TrimStart('/');
            return [(below.Split('/')[0], null)];
        }
        if (path.Kind != MappedPathKind.Sandbox || !Directory.Exists(path.HostPath)) return [];
        var folder = path.HostPath!;
        var names = new List<(string, string?)> { (".", folder), ("..", Path.GetDirectoryName(folder) ?? folder) };
        try
        {
            names.AddRange(Directory.EnumerateFileSystemEntries(folder).Select(p => (Path.GetFileName(p), (string?)p)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable folder lists what could be read, as readdir would.
        }
        return names;
    }
}
