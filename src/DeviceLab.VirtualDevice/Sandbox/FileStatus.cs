using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace DeviceLab.VirtualDevice.Sandbox;

/// <summary>
/// The full stat of a file (what sync's STA2/LST2 and DNT2 carry), read with Linux statx, whose
/// record layout is the same on every architecture. Times in seconds since the epoch.
/// </summary>
internal readonly partial record struct FileStatus(
    ulong Device, ulong Inode, uint Mode, uint LinkCount, uint UserId, uint GroupId,
    ulong SizeBytes, long AccessTimeSeconds, long ModifyTimeSeconds, long ChangeTimeSeconds)
{
    public const uint TypeMask = 0xF000, Directory = 0x4000, RegularFile = 0x8000, SymbolicLink = 0xA000;
    public const int NoSuchFile = 2; // ENOENT, as the wire carries Linux errno values

    public bool IsDirectory => (Mode & TypeMask) == Directory;

    /// <summary>Stats a host path; on failure returns null and the Linux errno.</summary>
    public static FileStatus? Get(string path, bool followLinks, out int errno)
    {
        Span<byte> record = stackalloc byte[StatxRecordBytes];
        var flags = followLinks ? 0 : AtSymlinkNoFollow;
        if (Statx(AtCurrentDirectory, path, flags, StatxBasicStats, record) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }
        errno = 0;
        return FromStatx(record);
    }

    private static FileStatus FromStatx(ReadOnlySpan<byte> r) => new(
        Device: MakeDevice(BinaryPrimitives.ReadUInt32LittleEndian(r[136..]), BinaryPrimitives.ReadUInt32LittleEndian(r[140..])),
        Inode: BinaryPrimitives.ReadUInt64LittleEndian(r[32..]),
        Mode: BinaryPrimitives.ReadUInt16LittleEndian(r[28..]),
        LinkCount: BinaryPrimitives.ReadUInt32LittleEndian(r[16..]),
        UserId: BinaryPrimitives.ReadUInt32LittleEndian(r[20..]),
        GroupId: BinaryPrimitives.ReadUInt32LittleEndian(r[24..]),
        SizeBytes: BinaryPrimitives.ReadUInt64LittleEndian(r[40..]),
        AccessTimeSeconds: BinaryPrimitives.ReadInt64LittleEndian(r[64..]),
        ModifyTimeSeconds: BinaryPrimitives.ReadInt64LittleEndian(r[112..]),
        ChangeTimeSeconds: BinaryPrimitives.ReadInt64LittleEndian(r[96..]));

    /// <summary>glibc's makedev: the dev_t that stat() would have returned.</summary>
    private static ulong MakeDevice(uint major, uint minor) =>
        ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) |
        ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);

    private const int StatxRecordBytes = 256;
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, Span<byte> record);
}
