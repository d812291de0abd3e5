using System.Buffers.Binary;
using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using DeviceLab.VirtualDevice.Sandbox;

namespace DeviceLab.VirtualDevice.Services.Sync;

/// <summary>Sync replies written into the stream's output, laid out exactly as adbd writes them.</summary>
internal static class SyncReplies
{
    /// <summary>STA2/LST2 reply: id, error, dev, ino, mode, nlink, uid, gid, size, atime, mtime, ctime.</summary>
    public const int Stat2Bytes = 72;

    /// <summary>DNT2 header: the STA2 fields plus the name length (the name follows).</summary>
    public const int Dent2HeaderBytes = 76;

    /// <summary>STAT reply (and DENT header without the name length): id, mode, size, mtime.</summary>
    public const int StatBytes = 16;

    /// <summary>DENT header: id, mode, size, mtime, name length.</summary>
    public const int DentHeaderBytes = 20;

    public static void WriteStat(PipeWriter output, FileStatus? status)
    {
        var span = output.GetSpan(StatBytes)[..StatBytes];
        span.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(span, SyncId.Stat);
        if (status is { } s) WriteV1Fields(span[4..], s);
        output.Advance(StatBytes);
    }

    public static void WriteStat2(PipeWriter output, uint id, FileStatus? status, int errno)
    {
        var span = output.GetSpan(Stat2Bytes)[..Stat2Bytes];
        span.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(span, id);
        if (status is { } s) WriteV2Fields(span[4..], s);
        else BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)errno);
        output.Advance(Stat2Bytes);
    }

    public static void WriteDent(PipeWriter output, FileStatus status, string name)
    {
        var nameBytes = Encoding.UTF8.GetByteCount(name);
        var span = output.GetSpan(DentHeaderBytes + nameBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(span, SyncId.Dent);
        WriteV1Fields(span[4..], status);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)nameBytes);
        Encoding.UTF8.GetBytes(name, span[DentHeaderBytes..]);
        output.Advance(DentHeaderBytes + nameBytes);
    }

    public static void WriteDent2(PipeWriter output, FileStatus? status, int errno, string name)
    {
        var nameBytes = Encoding.UTF8.GetByteCount(name);
        var span = output.GetSpan(Dent2HeaderBytes + nameBytes);
        span[..Dent2HeaderBytes].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(span, SyncId.Dent2);
        if (status is { } s) WriteV2Fields(span[4..], s);
        else BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)errno);
        BinaryPrimitives.WriteUInt32LittleEndian(span[72..], (uint)nameBytes);
        Encoding.UTF8.GetBytes(name, span[Dent2HeaderBytes..]);
        output.Advance(Dent2HeaderBytes + nameBytes);
    }

    /// <summary>The end of a listing: DONE in a record as long as the entries of that listing version.</summary>
    public static void WriteListDone(PipeWriter output, bool version2)
    {
        var size = version2 ? Dent2HeaderBytes : DentHeaderBytes;
        var span = output.GetSpan(size)[..size];
        span.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(span, SyncId.Done);
        output.Advance(size);
    }

    /// <summary>An 8-byte id + length header (OKAY, DONE, DATA).</summary>
    public static void WriteHeader(Span<byte> destination, uint id, uint length)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, id);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], length);
    }

    public static void WriteStatus(PipeWriter output, uint id, uint length = 0)
    {
        WriteHeader(output.GetSpan(8), id, length);
        output.Advance(8);
    }

    public static void WriteFail(PipeWriter output, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        WriteStatus(output, SyncId.Fail, (uint)bytes.Length);
        output.Write(bytes);
    }

    private static void WriteV1Fields(Span<byte> span, FileStatus s)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(span, s.Mode);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)s.SizeBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)s.ModifyTimeSeconds);
    }

    /// <summary>Fields after the id of STA2/DNT2: error (0 here), then the stat record.</summary>
    private static void WriteV2Fields(Span<byte> span, FileStatus s)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(span, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(span[4..], s.Device);
        BinaryPrimitives.WriteUInt64LittleEndian(span[12..], s.Inode);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], s.Mode);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], s.LinkCount);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], s.UserId);
        BinaryPrimitives.WriteUInt32LittleEndian(span[32..], s.GroupId);
        BinaryPrimitives.WriteUInt64LittleEndian(span[36..], s.SizeBytes);
        BinaryPrimitives.WriteInt64LittleEndian(span[44..], s.AccessTimeSeconds);
        BinaryPrimitives.WriteInt64LittleEndian(span[52..], s.ModifyTimeSeconds);
        BinaryPrimitives.WriteInt64LittleEndian(span[60..], s.ChangeTimeSeconds);
    }
}
