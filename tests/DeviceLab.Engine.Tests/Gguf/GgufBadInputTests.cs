using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Gguf;

/// <summary>Every malformed file ends in a GgufFormatException naming the problem — no crash, hang or huge allocation.</summary>
public sealed class GgufBadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Fails(GgufBytes bytes) => Fails(bytes.WriteTo(_folder));

    private static string Fails(string path)
    {
        var error = Assert.Throws<GgufFormatException>(() => GgufFile.Open(path).Dispose());
        return error.Message;
    }

    /// <summary>A valid header with one F32 tensor of 8 elements, before its data.</summary>
    private static GgufBytes OneTensor(uint type = 0, ulong offset = 0, params ulong[] dims) =>
        new GgufBytes().Header(1, 1).KeyU32("general.alignment", 32)
            .TensorInfo("w", type, offset, dims.Length == 0 ? [8] : dims).Align();

    [Fact]
    public void Empty_file() => Assert.Contains("file is empty", Fails(new GgufBytes()));

    [Fact]
    public void Wrong_magic() =>
        Assert.Contains("not a GGUF file: the magic bytes are 0x67676A74", Fails(new GgufBytes().Raw("ggjt"u8.ToArray()).U32(3).U64(0).U64(0)));

    [Fact]
    public void Too_short_for_the_magic() => Assert.Contains("truncated", Fails(new GgufBytes().Raw("GG"u8.ToArray())));

    [Theory]
    [InlineData(1u)]
    [InlineData(4u)]
    [InlineData(0xFFFFFFFFu)]
    public void Unsupported_version(uint version) =>
        Assert.Contains($"unsupported GGUF version {version}", Fails(new GgufBytes().Header(0, 0, version)));

    [Fact]
    public void Big_endian_file_is_named_as_such() =>
        Assert.Contains("big-endian", Fails(new GgufBytes().Header(0, 0, 0x03000000)));

    [Fact]
    public void Unknown_tensor_type() =>
        Assert.Contains("tensor 'w' has unknown ggml type 99", Fails(OneTensor(type: 99).Zeros(32)));

    [Fact]
    public void Tensor_data_past_the_end() =>
        Assert.Contains("tensor 'w' data", Fails(OneTensor().Zeros(31)));

    [Fact]
    public void Tensor_offset_past_the_end() =>
        Assert.Contains("runs past the end of the file", Fails(OneTensor(offset: 1UL << 40).Zeros(32)));

    [Fact]
    public void Absurd_dimensions_overflow() =>
        Assert.Contains("absurd dimensions", Fails(OneTensor(0, 0, 1UL << 40, 1UL << 40).Zeros(32)));

    [Fact]
    public void Dimension_beyond_int64() =>
        Assert.Contains("absurd size", Fails(OneTensor(0, 0, ulong.MaxValue).Zeros(32)));

    [Fact]
    public void Zero_dimension() =>
        Assert.Contains("absurd size 0 in dimension 1", Fails(OneTensor(0, 0, 8, 0).Zeros(32)));

    [Fact]
    public void Huge_but_representable_tensor_is_past_the_end_not_an_allocation() =>
        Assert.Contains("runs past the end", Fails(OneTensor(0, 0, 1UL << 20, 1UL << 20, 1UL << 10).Zeros(32)));

    [Fact]
    public void Too_many_dimensions() =>
        Assert.Contains("tensor 'w' has 5 dimensions", Fails(OneTensor(0, 0, 1, 1, 1, 1, 8).Zeros(32)));

    [Fact]
    public void Quantized_row_not_a_whole_block() =>
        Assert.Contains("rows of 8 elements, not a multiple of its block size 32", Fails(OneTensor(type: 8).Zeros(64)));

    [Fact]
    public void Lying_metadata_count_fails_fast() =>
        Assert.Contains("metadata count 1152921504606846976 is impossible", Fails(new GgufBytes().Header(0, 1UL << 60).Zeros(64)));

    [Fact]
    public void Lying_tensor_count_fails_fast() =>
        Assert.Contains("tensor count 18446744073709551615 is impossible", Fails(new GgufBytes().Header(ulong.MaxValue, 0).Zeros(64)));

    [Fact]
    public void Lying_string_length_fails_without_allocating() =>
        Assert.Contains("claims 9223372036854775807 bytes", Fails(new GgufBytes().Header(0, 1).U64(long.MaxValue).Zeros(16)));

    [Fact]
    public void Lying_array_count_fails_without_allocating()
    {
        var bytes = new GgufBytes().Header(0, 1).Str("tokenizer.ggml.tokens").U32(9).U32(8).U64(1UL << 59).Zeros(64);
        Assert.Contains("array 'tokenizer.ggml.tokens' claims 576460752303423488 string elements", Fails(bytes));
    }

    [Fact]
    public void Nested_arrays_are_refused() =>
        Assert.Contains("'x' is an array of arrays", Fails(new GgufBytes().Header(0, 1).Str("x").U32(9).U32(9).U64(0).Zeros(16)));

    [Fact]
    public void Unknown_value_type() =>
        Assert.Contains("metadata key 'x' has unknown value type 13", Fails(new GgufBytes().Header(0, 1).Str("x").U32(13).Zeros(16)));

    [Fact]
    public void Invalid_bool_byte() =>
        Assert.Contains("bool with invalid byte value 2", Fails(new GgufBytes().Header(0, 1).Str("x").U32(7).Raw(2).Zeros(16)));

    [Fact]
    public void Duplicate_metadata_key() =>
        Assert.Contains("duplicate metadata key 'a'", Fails(new GgufBytes().Header(0, 2).KeyU32("a", 1).KeyU32("a", 2)));

    [Fact]
    public void Duplicate_tensor_name()
    {
        var bytes = new GgufBytes().Header(2, 0).TensorInfo("w", 0, 0, 8).TensorInfo("w", 0, 32, 8).Align().Zeros(64);
        Assert.Contains("duplicate tensor name 'w'", Fails(bytes));
    }

    [Fact]
    public void Tensor_name_too_long()
    {
        var bytes = new GgufBytes().Header(1, 0).TensorInfo(new string('n', 64), 0, 0, 8).Align().Zeros(32);
        Assert.Contains("name of tensor #0 is 64 bytes long (at most 63 allowed)", Fails(bytes));
    }

    [Fact]
    public void Misaligned_tensor_offset()
    {
        var bytes = new GgufBytes().Header(1, 0).TensorInfo("w", 0, 4, 8).Align().Zeros(64);
        Assert.Contains("tensor 'w' offset 4 is not a multiple of the alignment 32", Fails(bytes));
    }

    [Fact]
    public void Overlapping_tensors()
    {
        var bytes = new GgufBytes().Header(2, 0).TensorInfo("a", 0, 0, 16).TensorInfo("b", 0, 32, 8).Align().Zeros(96);
        Assert.Contains("tensor 'b' data overlaps tensor 'a'", Fails(bytes));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(48u)]
    public void Bad_alignment_value(uint alignment) =>
        Assert.Contains($"'general.alignment' is {alignment}", Fails(new GgufBytes().Header(0, 1).KeyU32("general.alignment", alignment)));

    [Fact]
    public void Every_truncation_of_a_valid_file_is_a_clear_error()
    {
        var path = _folder.File("valid.gguf");
        GgufWriter.Write(path, GgufRoundTripTests.EveryValueType(),
            [(new GgufTensorSpec("w", GgmlType.F32, [4, 2]), new byte[32])]);
        var bytes = File.ReadAllBytes(path);
        var cut = _folder.File("cut.gguf");
        for (var length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(cut, bytes[..length]);
            var message = Fails(cut);
            Assert.True(message.Contains("truncated") || message.Contains("empty") || message.Contains("past the end"),
                $"cut at {length}: {message}");
        }
    }

    [Fact]
    public void Missing_tensor_is_named()
    {
        var path = _folder.File("one.gguf");
        GgufWriter.Write(path, new GgufMetadata(), [(new GgufTensorSpec("w", GgmlType.F32, [1]), new byte[4])]);
        using var file = GgufFile.Open(path);
        Assert.Equal("missing tensor 'output.weight'", Assert.Throws<GgufFormatException>(() => file.GetTensor("output.weight")).Message);
    }

    [Fact]
    public void Version_2_files_are_read()
    {
        var bytes = new GgufBytes().Header(1, 0, version: 2).TensorInfo("w", 0, 0, 8).Align().Zeros(32);
        using var file = GgufFile.Open(bytes.WriteTo(_folder));
        Assert.Equal(2u, file.Version);
        Assert.Equal(32, file.GetTensorBytes(file.GetTensor("w")).Length);
    }
}
