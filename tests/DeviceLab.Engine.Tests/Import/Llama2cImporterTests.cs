using System.Runtime.InteropServices;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Import;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tokenizers;

namespace DeviceLab.Engine.Tests.Import;

public sealed class Llama2cImporterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string WriteCheckpoint(Llama2cCheckpoint checkpoint, string name = "model.bin")
    {
        var path = _folder.File(name);
        File.WriteAllBytes(path, checkpoint.ToBytes());
        return path;
    }

    private static float[] Floats(GgufFile file, string name) =>
        MemoryMarshal.Cast<byte, float>(file.GetTensorBytes(file.GetTensor(name))).ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_weight_lands_in_its_gguf_tensor(bool shared)
    {
        var checkpoint = new Llama2cCheckpoint { Shared = shared };
        var output = _folder.File("model.gguf");
        Llama2cImporter.Import(WriteCheckpoint(checkpoint), null, output);

        using var file = GgufFile.Open(output);
        var config = LlamaConfig.FromGguf(file);
        Assert.Equal((8, 16, 2, 2, 1, 300, 4), (config.EmbeddingLength, config.FeedForwardLength, config.BlockCount,
            config.HeadCount, config.HeadCountKv, config.VocabSize, config.ContextLength));
        Assert.Equal(shared, config.TiedOutput);
        Assert.Equal(checkpoint.Embedding, Floats(file, "token_embd.weight"));
        Assert.Equal(checkpoint.FinalNorm, Floats(file, "output_norm.weight"));
        if (!shared) Assert.Equal(checkpoint.Classifier, Floats(file, "output.weight"));
        for (var l = 0; l < 2; l++)
        {
            Assert.Equal(checkpoint.AttentionNorm[l], Floats(file, LlamaTensorNames.AttentionNorm(l)));
            Assert.Equal(checkpoint.Wq[l], Floats(file, LlamaTensorNames.AttentionQuery(l)));
            Assert.Equal(checkpoint.Wk[l], Floats(file, LlamaTensorNames.AttentionKey(l)));
            Assert.Equal(checkpoint.Wv[l], Floats(file, LlamaTensorNames.AttentionValue(l)));
            Assert.Equal(checkpoint.Wo[l], Floats(file, LlamaTensorNames.AttentionOutput(l)));
            Assert.Equal(checkpoint.FfnNorm[l], Floats(file, LlamaTensorNames.FeedForwardNorm(l)));
            Assert.Equal(checkpoint.W1[l], Floats(file, LlamaTensorNames.FeedForwardGate(l)));
            Assert.Equal(checkpoint.W2[l], Floats(file, LlamaTensorNames.FeedForwardDown(l)));
            Assert.Equal(checkpoint.W3[l], Floats(file, LlamaTensorNames.FeedForwardUp(l)));
        }
        Assert.Equal([8L, 4L], file.GetTensor("blk.0.attn_k.weight").Dimensions);
        Assert.Equal([16L, 8L], file.GetTensor("blk.0.ffn_down.weight").Dimensions);
    }

    [Fact]
    public void Without_a_tokenizer_the_byte_level_vocabulary_still_round_trips_text()
    {
        var output = _folder.File("bytes.gguf");
        Llama2cImporter.Import(WriteCheckpoint(new Llama2cCheckpoint()), null, output);
        using var file = GgufFile.Open(output);
        var tokenizer = Tokenizer.FromGguf(file);
        Assert.Equal(300, tokenizer.VocabSize);
        Assert.Equal("<0x0A>", tokenizer.TokenText(13));
        Assert.Equal("Once upon a time 🚀", tokenizer.Decode(tokenizer.Encode("Once upon a time 🚀", true)));
    }

    [Fact]
    public void Tokenizer_file_becomes_a_sentencepiece_vocabulary()
    {
        var checkpoint = new Llama2cCheckpoint();
        var tokenizerPath = _folder.File("tokenizer.bin");
        File.WriteAllBytes(tokenizerPath, checkpoint.TokenizerBytes());
        var output = _folder.File("tok.gguf");
        Llama2cImporter.Import(WriteCheckpoint(checkpoint), tokenizerPath, output);

        using var file = GgufFile.Open(output);
        var tokens = file.Metadata.GetStringArray("tokenizer.ggml.tokens");
        var types = file.Metadata.GetInt32Array("tokenizer.ggml.token_type");
        Assert.Equal(["<unk>", "<s>", "</s>"], tokens[..3]);
        Assert.Equal([2, 3, 3, 6], types[..4]);
        Assert.Equal("▁the", tokens[265]);
        var tokenizer = Tokenizer.FromGguf(file);
        Assert.Equal(["▁the", "▁ab"], tokenizer.Encode("the ab", false).Select(tokenizer.TokenText));
        Assert.Equal("the ab", tokenizer.Decode(tokenizer.Encode("the ab", true)));
    }

    [Fact]
    public void Truncated_checkpoint_names_both_sizes()
    {
        var bytes = new Llama2cCheckpoint().ToBytes();
        var path = _folder.File("cut.bin");
        File.WriteAllBytes(path, bytes[..^4]);
        var error = Assert.Throws<InvalidDataException>(() => Llama2cImporter.Import(path, null, _folder.File("x.gguf")));
        Assert.Contains($"needs {bytes.Length:N0} bytes, the file has {bytes.Length - 4:N0}", error.Message);
        Assert.False(File.Exists(_folder.File("x.gguf")));
    }

    [Theory]
    [InlineData(0, "dim is 0")]
    [InlineData(-8, "dim is -8")]
    [InlineData(1 << 30, "dim is 1073741824")]
    public void Absurd_dimension_is_refused(int dim, string expected)
    {
        var bytes = new Llama2cCheckpoint().ToBytes();
        BitConverter.GetBytes(dim).CopyTo(bytes, 0);
        var path = _folder.File("bad.bin");
        File.WriteAllBytes(path, bytes);
        Assert.Contains(expected, Assert.Throws<InvalidDataException>(() => Llama2cImporter.Import(path, null, _folder.File("x.gguf"))).Message);
    }

    [Fact]
    public void Heads_that_do_not_divide_are_refused()
    {
        var bytes = new Llama2cCheckpoint().ToBytes();
        BitConverter.GetBytes(3).CopyTo(bytes, 12);
        var path = _folder.File("heads.bin");
        File.WriteAllBytes(path, bytes);
        Assert.Contains("dim 8 is not divisible by n_heads 3",
            Assert.Throws<InvalidDataException>(() => Llama2cImporter.Import(path, null, _folder.File("x.gguf"))).Message);
    }

    [Fact]
    public void Short_header_and_versioned_exports_are_named()
    {
        var shortPath = _folder.File("short.bin");
        File.WriteAllBytes(shortPath, new byte[10]);
        Assert.Contains("header needs 28 bytes", Assert.Throws<InvalidDataException>(() => Llama2cImporter.Import(shortPath, null, _folder.File("x.gguf"))).Message);
        var versioned = _folder.File("v2.bin");
        File.WriteAllBytes(versioned, [.. "24ka"u8.ToArray(), .. new byte[60]]);
        Assert.Contains("magic 'ak42'", Assert.Throws<InvalidDataException>(() => Llama2cImporter.Import(versioned, null, _folder.File("x.gguf"))).Message);
    }

    [Fact]
    public void Tokenizer_for_a_smaller_vocabulary_is_refused()
    {
        var small = new Llama2cCheckpoint { Vocab = 280 };
        var tokenizerPath = _folder.File("tokenizer.bin");
        File.WriteAllBytes(tokenizerPath, small.TokenizerBytes());
        var error = Assert.Throws<InvalidDataException>(() =>
            Llama2cImporter.Import(WriteCheckpoint(new Llama2cCheckpoint()), tokenizerPath, _folder.File("x.gguf")));
        Assert.Contains("truncated at token 280 of 300", error.Message);
    }

    [Fact]
    public void Small_vocabulary_without_tokenizer_asks_for_one()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            Llama2cImporter.Import(WriteCheckpoint(new Llama2cCheckpoint { Vocab = 100 }), null, _folder.File("x.gguf")));
        Assert.Contains("vocab size 100 is too small for a byte-level vocabulary", error.Message);
    }
}
