namespace DeviceLab.VirtualDevice.Services.Sync;

/// <summary>Sync message ids: four ASCII letters read as a little-endian uint32.</summary>
internal static class SyncId
{
    public const uint Stat = 0x54415453;      // "STAT" (lstat, 16-byte reply)
    public const uint Stat2 = 0x32415453;     // "STA2" (stat, 72-byte reply)
    public const uint Lstat2 = 0x3254534c;    // "LST2" (lstat, 72-byte reply)
    public const uint List = 0x5453494c;      // "LIST"
    public const uint List2 = 0x3253494c;     // "LIS2"
    public const uint Dent = 0x544e4544;      // "DENT"
    public const uint Dent2 = 0x32544e44;     // "DNT2"
    public const uint Send = 0x444e4553;      // "SEND"
    public const uint Recv = 0x56434552;      // "RECV"
    public const uint Data = 0x41544144;      // "DATA"
    public const uint Done = 0x454e4f44;      // "DONE"
    public const uint Okay = 0x59414b4f;      // "OKAY"
    public const uint Fail = 0x4c494146;      // "FAIL"
    public const uint Quit = 0x54495551;      // "QUIT"

    /// <summary>Largest DATA chunk either side may send (SYNC_DATA_MAX).</summary>
    public const int MaxDataBytes = 64 * 1024;

    /// <summary>Longest path a request may carry.</summary>
    public const int MaxPathBytes = 1024;

    public static string Name(uint id) => Wire.AdbCommand.Name(id);
}
