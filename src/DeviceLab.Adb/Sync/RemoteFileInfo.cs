namespace DeviceLab.Adb;

/// <summary>What the device's sync service says about one path (STAT / STA2, DENT / DNT2).</summary>
/// <param name="Mode">The full st_mode: file type bits and permissions.</param>
/// <param name="Size">Bytes (STAT / DENT v1 carry only 32 bits; devices with <c>stat_v2</c> give the full size).</param>
public sealed record RemoteFileInfo(string Path, uint Mode, long Size, DateTimeOffset ModifiedAt)
{
    private const uint TypeMask = 0xF000; // S_IFMT (octal 0170000)

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    public bool IsSymbolicLink => (Mode & TypeMask) == 0xA000;

    /// <summary>The permission bits (octal 07777).</summary>
    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);
}
