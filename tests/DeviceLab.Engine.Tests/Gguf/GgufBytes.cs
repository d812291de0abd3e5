using System.Text;

namespace DeviceLab.Engine.Tests.Gguf;

/// <summary>Builds GGUF bytes by hand, so tests can write headers no honest writer would.</summary>
internal sealed class GgufBytes
{
    private readonly MemoryStream _stream = new();
    private readonly BinaryWriter _w;

    public GgufBytes() => _w = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);

    public GgufBytes Raw(params byte[] bytes) { _w.Write(bytes); return this; }
    public GgufBytes U32(uint v) { _w.Write(v); return this; }
    public GgufBytes U64(ulong v) { _w.Write(v); return this; }
    public GgufBytes F32(float v) { _w.Write(v); return this; }

    public GgufBytes Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        _w.Write((ulong)bytes.Length);
        _w.Write(bytes);
        return this;
    }

    /// <summary>Magic, version and the two counts.</summary>
    public GgufBytes Header(ulong tensors, ulong metadata, uint version = 3) =>
        Raw("GGUF"u8.ToArray()).U32(version).U64(tensors).U64(metadata);

    public GgufBytes KeyU32(string key, uint value) => Str(key).U32(4).U32(value);

    public GgufBytes TensorInfo(string name, uint type, ulong offset, params ulong[] dims)
    {
        Str(name).U32((uint)dims.Length);
        foreach (var d in dims) U64(d);
        return U32(type).U64(offset);
    }

    /// <summary>Zero bytes up to the next multiple of <paramref name="alignment"/>.</summary>
    public GgufBytes Align(int alignment = 32)
    {
        while (_stream.Length % alignment != 0) _w.Write((byte)0);
        return this;
    }

    public GgufBytes Zeros(int count) { _w.Write(new byte[count]); return this; }

    public byte[] ToArray()
    {
        _w.Flush();
        return _stream.ToArray();
    }

    public string WriteTo(TempFolder folder, string name = "test.gguf")
    {
        var path = folder.File(name);
        File.WriteAllBytes(path, ToArray());
        return path;
    }
}
