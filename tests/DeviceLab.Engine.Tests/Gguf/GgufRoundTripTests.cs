using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Gguf;

public sealed class GgufRoundTripTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    internal static GgufMetadata EveryValueType()
    {
        var m = new GgufMetadata();
        m.Add("t.u8", GgufValue.UInt8(200));
        m.Add("t.i8", GgufValue.Int8(-100));
        m.Add("t.u16", GgufValue.UInt16(60000));
        m.Add("t.i16", GgufValue.Int16(-30000));
        m.Add("t.u32", GgufValue.UInt32(4_000_000_000));
        m.Add("t.i32", GgufValue.Int32(-2_000_000_000));
        m.Add("t.f32", GgufValue.Float32(3.25f));
        m.Add("t.bool", GgufValue.Bool(true));
        m.Add("t.string", GgufValue.String("héllo ▁wörld 🚀"));
        m.Add("t.u64", GgufValue.UInt64(ulong.MaxValue));
        m.Add("t.i64", GgufValue.Int64(long.MinValue));
        m.Add("t.f64", GgufValue.Float64(Math.PI));
        m.Add("a.u8", GgufValue.Array(new byte[] { 1, 2, 255 }));
        m.Add("a.i8", GgufValue.Array(new sbyte[] { -1, 0, 127 }));
        m.Add("a.u16", GgufValue.Array(new ushort[] { 1, 65535 }));
        m.Add("a.i16", GgufValue.Array(new short[] { -32768, 5 }));
        m.Add("a.u32", GgufValue.Array(new uint[] { 7, uint.MaxValue }));
        m.Add("a.i32", GgufValue.Array(new[] { 1, -1, int.MaxValue }));
        m.Add("a.f32", GgufValue.Array(new[] { 0.5f, -0f, float.NaN }));
        m.Add("a.bool", GgufValue.Array(new[] { true, false, true }));
        m.Add("a.string", GgufValue.Array(new[] { "", "a", "<0x0A>", "▁the" }));
        m.Add("a.u64", GgufValue.Array(new ulong[] { 0, ulong.MaxValue }));
        m.Add("a.i64", GgufValue.Array(new long[] { long.MinValue, 3 }));
        m.Add("a.f64", GgufValue.Array(new[] { 1e300, -2.5 }));
        m.Add("a.empty", GgufValue.Array(Array.Empty<float>()));
        return m;
    }

    [Fact]
    public void Metadata_of_every_type_and_tensor_bytes_survive_a_round_trip()
    {
        var metadata = EveryValueType();
        var f32 = Enumerable.Range(0, 3 * 5).SelectMany(i => BitConverter.GetBytes(i * 0.25f)).ToArray();
        var q8 = Enumerable.Range(0, 34 * 2).Select(i => (byte)i).ToArray();
        var path = _folder.File("all.gguf");
        GgufWriter.Write(path, metadata,
        [
            (new GgufTensorSpec("a", GgmlType.F32, [3, 5]), f32),
            (new GgufTensorSpec("b", GgmlType.Q8_0, [64]), q8),
        ]);

        using var file = GgufFile.Open(path);
        Assert.Equal(3u, file.Version);
        Assert.Equal(metadata.Keys, file.Metadata.Keys);
        foreach (var (key, value) in metadata) Assert.Equal(value, file.Metadata[key]);
        Assert.Equal(f32, file.GetTensorBytes(file.GetTensor("a")).ToArray());
        Assert.Equal(q8, file.GetTensorBytes(file.GetTensor("b")).ToArray());
        Assert.Equal([3L, 5L], file.GetTensor("a").Dimensions);
        Assert.Equal(15, file.GetTensor("a").ElementCount);
        Assert.Equal(68, file.GetTensor("b").ByteSize);
    }

    [Fact]
    public void Offsets_are_in_order_and_every_tensor_is_zero_padded_to_the_alignment()
    {
        var metadata = new GgufMetadata();
        metadata.Add("general.alignment", GgufValue.UInt32(64));
        var path = _folder.File("aligned.gguf");
        GgufWriter.Write(path, metadata,
        [
            (new GgufTensorSpec("x", GgmlType.F32, [3]), Enumerable.Repeat((byte)0xAB, 12).ToArray()),
            (new GgufTensorSpec("y", GgmlType.F16, [5]), Enumerable.Repeat((byte)0xCD, 10).ToArray()),
        ]);

        using var file = GgufFile.Open(path);
        Assert.Equal(64, file.Alignment);
        Assert.Equal(0, file.DataOffset % 64);
        Assert.Equal(0, file.GetTensor("x").Offset);
        Assert.Equal(64, file.GetTensor("y").Offset);
        Assert.Equal(file.DataOffset + 128, file.FileLength);
        var raw = File.ReadAllBytes(path);
        Assert.All(raw.AsSpan((int)file.DataOffset + 12, 52).ToArray(), b => Assert.Equal(0, b));
        Assert.All(raw.AsSpan((int)file.DataOffset + 64 + 10, 54).ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public unsafe void Tensor_pointer_and_span_address_the_same_mapped_bytes()
    {
        var path = _folder.File("p.gguf");
        GgufWriter.Write(path, new GgufMetadata(), [(new GgufTensorSpec("w", GgmlType.F32, [2]), BitConverter.GetBytes(1.5f).Concat(BitConverter.GetBytes(-2f)).ToArray())]);
        using var file = GgufFile.Open(path);
        var info = file.GetTensor("w");
        var p = (float*)file.GetTensorPointer(info);
        Assert.Equal(1.5f, p[0]);
        Assert.Equal(-2f, p[1]);
        fixed (byte* s = file.GetTensorBytes(info)) Assert.Equal((nint)p, (nint)s);
    }

    [Fact]
    public void Rows_are_addressed_in_the_mapping_and_access_after_dispose_is_refused()
    {
        var path = _folder.File("rows.gguf");
        var data = Enumerable.Range(0, 4 * 3).SelectMany(i => BitConverter.GetBytes((float)i)).ToArray();
        GgufWriter.Write(path, new GgufMetadata(), [(new GgufTensorSpec("m", GgmlType.F32, [4, 3]), data)]);
        var file = GgufFile.Open(path);
        var m = file.GetTensor("m");
        Assert.Equal((4L, 3L, 16L), (m.RowLength, m.RowCount, m.RowBytes));
        Assert.Equal(data[16..48], file.GetRowBytes(m, 1, 2).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => file.GetRowBytes(m, 2, 2).ToArray());
        file.Dispose();
        Assert.Throws<ObjectDisposedException>(() => file.GetTensorBytes(m).ToArray());
    }

    [Fact]
    public void Data_can_be_streamed_in_chunks_across_tensor_boundaries()
    {
        var path = _folder.File("chunks.gguf");
        var all = Enumerable.Range(0, 4 * 100 + 4 * 7).Select(i => (byte)(i * 7)).ToArray();
        using (var writer = GgufWriter.Create(path, new GgufMetadata(),
                   [new GgufTensorSpec("a", GgmlType.F32, [100]), new GgufTensorSpec("b", GgmlType.F32, [7])]))
        {
            for (var i = 0; i < all.Length; i += 33) writer.WriteTensorData(all.AsSpan(i, Math.Min(33, all.Length - i)));
            Assert.Null(writer.CurrentTensor);
            writer.Complete();
        }
        using var file = GgufFile.Open(path);
        Assert.Equal(all[..400], file.GetTensorBytes(file.GetTensor("a")).ToArray());
        Assert.Equal(all[400..], file.GetTensorBytes(file.GetTensor("b")).ToArray());
    }

    [Fact]
    public void An_unfinished_file_is_removed_and_never_appears_under_its_name()
    {
        var path = _folder.File("unfinished.gguf");
        using (var writer = GgufWriter.Create(path, new GgufMetadata(), [new GgufTensorSpec("a", GgmlType.F32, [4])]))
        {
            writer.WriteTensorData(new byte[8]);
            var error = Assert.Throws<InvalidOperationException>(writer.Complete);
            Assert.Contains("'a' has 8 of 16 bytes", error.Message);
            Assert.False(File.Exists(path));
        }
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Writing_more_data_than_declared_is_refused()
    {
        using var writer = new GgufWriter(new MemoryStream(), new GgufMetadata(), [new GgufTensorSpec("a", GgmlType.F32, [1])]);
        writer.WriteTensorData(new byte[4]);
        Assert.Throws<InvalidOperationException>(() => writer.WriteTensorData(new byte[1]));
    }

    [Theory]
    [InlineData("this-name-is-way-too-long-for-ggml-because-it-has-more-than-63-bytes")]
    [InlineData("")]
    public void Writer_refuses_bad_tensor_names(string name)
    {
        Assert.Throws<ArgumentException>(() =>
            new GgufWriter(new MemoryStream(), new GgufMetadata(), [new GgufTensorSpec(name, GgmlType.F32, [1])]));
    }

    [Fact]
    public void Writer_refuses_quantized_rows_that_are_not_whole_blocks()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new GgufWriter(new MemoryStream(), new GgufMetadata(), [new GgufTensorSpec("w", GgmlType.Q4_0, [48, 2])]));
        Assert.Contains("multiple of the q4_0 block size 32", error.Message);
    }

    [Fact]
    public void Typed_accessors_convert_integer_widths_and_name_the_key_when_wrong()
    {
        var m = EveryValueType();
        Assert.Equal(200u, m.GetUInt32("t.u8"));
        Assert.Equal(-30000, m.GetInt32("t.i16"));
        Assert.Equal(4_000_000_000UL, m.GetUInt64("t.u32"));
        Assert.Equal((float)Math.PI, m.GetFloat32("t.f64"));
        Assert.Equal([1, -1, int.MaxValue], m.GetInt32Array("a.i32"));
        Assert.Equal([1, 2, 255], m.GetInt32Array("a.u8"));
        Assert.Equal("▁the", m.GetStringArray("a.string")[3]);
        Assert.False(m.TryGetUInt32("nope", out _));

        Assert.Contains("'t.i8' value -100 does not fit", Assert.Throws<GgufFormatException>(() => m.GetUInt32("t.i8")).Message);
        Assert.Contains("'t.string' holds string, expected f32", Assert.Throws<GgufFormatException>(() => m.GetFloat32("t.string")).Message);
        Assert.Contains("missing required metadata key 'llama.x'", Assert.Throws<GgufFormatException>(() => m.GetUInt32("llama.x")).Message);
        Assert.Contains("holds [f32], expected [string]", Assert.Throws<GgufFormatException>(() => m.GetStringArray("a.f32")).Message);
    }

    [Fact]
    public void Long_arrays_are_abbreviated_for_display()
    {
        var value = GgufValue.Array(Enumerable.Range(0, 100).ToArray());
        Assert.Equal("[0, 1, 2, … (100 elements)]", value.ToDisplayString(3));
        Assert.Equal("[i32]", value.TypeName);
    }
}
