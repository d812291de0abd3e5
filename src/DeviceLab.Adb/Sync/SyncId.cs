using System.Buffers.Binary;

namespace DeviceLab.Adb.Sync;

/// <summary>The 4-byte ids of the sync protocol, read as little-endian integers ("DATA" = 'D' | 'A'&lt;&lt;8 | …).</summary>
internal static class SyncId
{
    public static readonly uint Stat = Of("STAT"u8);
    public static readonly uint StatV2 = Of("STA2"u8);
    public static readonly uint List = Of("LIST"u8);
    public static readonly uint ListV2 = Of("LIS2"u8);
    public static readonly uint DirectoryEntry = Of("DENT"u8);
    public static readonly uint DirectoryEntryV2 = Of("DNT2"u8);
    public static readonly uint Send = Of("SEND"u8);
    public static readonly uint Receive = Of("RECV"u8);
    public static readonly uint Data = Of("DATA"u8);
    public static readonly uint Done = Of("DONE"u8);
    public static readonly uint Okay = Of("OKAY"u8);
    public static readonly uint Fail = Of("FAIL"u8);
    public static readonly uint Quit = Of("QUIT"u8);

    /// <summary>Largest DATA payload a device accepts.</summary>
    public const int MaxDataBytes = 64 * 1024;

    /// <summary>Longest remote path the device accepts.</summary>
    public const int MaxPathBytes = 1024;

    public static uint Of(ReadOnlySpan<byte> name) => BinaryPrimitives.ReadUInt32LittleEndian(name);

    public static string Name(uint id)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, id);
        foreach (var b in bytes) if (b is < 0x20 or >= 0x7F) return $"0x{id:x8}";
        return System.Text.Encoding.ASCII.GetString(bytes);
    }
}
