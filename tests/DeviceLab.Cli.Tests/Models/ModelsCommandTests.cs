using System.Text.Json;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Cli.Tests.Models;

public sealed class ModelsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string SynthTiny(string name = "tiny.gguf")
    {
        var path = _folder.File(name);
        var run = CliRun.Invoke("models", "synth", "--shape", "tiny", "--seed", "3", "--out", path);
        Assert.Equal(0, run.ExitCode);
        return path;
    }

    [Fact]
    public void Synth_writes_the_model_and_says_what_it_wrote()
    {
        var path = _folder.File("tiny16.gguf");
        var run = CliRun.Invoke("models", "synth", "--shape", "tiny", "--seed", "1", "--type", "f16", "--out", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("tiny, 164,160 parameters, f16", run.Output);
        using var file = GgufFile.Open(path);
        Assert.Equal(GgmlType.F16, file.GetTensor("blk.0.attn_q.weight").Type);
    }

    [Fact]
    public void Synth_rejects_an_unknown_shape()
    {
        var run = CliRun.Invoke("models", "synth", "--shape", "gpt-5", "--out", _folder.File("x.gguf"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("gpt-5", run.Error);
        Assert.False(File.Exists(_folder.File("x.gguf")));
    }

    [Theory]
    [InlineData("q8_0", GgmlType.Q8_0)]
    [InlineData("q4_0", GgmlType.Q4_0)]
    public void Quantize_builds_the_variant(string type, GgmlType expected)
    {
        var output = _folder.File($"{type}.gguf");
        var run = CliRun.Invoke("models", "quantize", SynthTiny(), output, "--type", type);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"wrote {output}: {type}", run.Output);
        Assert.Contains("token_embd.weight", run.Output);
        using var file = GgufFile.Open(output);
        Assert.Equal(expected, file.GetTensor("token_embd.weight").Type);
    }

    [Fact]
    public void Quantize_honours_embedding_and_output_types()
    {
        var output = _folder.File("mixed.gguf");
        var run = CliRun.Invoke("models", "quantize", SynthTiny(), output, "--type", "q4_0", "--embedding-type", "q8_0", "--output-type", "f16", "--quiet");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("token_embd.weight", run.Output);
        using var file = GgufFile.Open(output);
        Assert.Equal(GgmlType.Q8_0, file.GetTensor("token_embd.weight").Type);
        Assert.Equal(GgmlType.F16, file.GetTensor("output.weight").Type);
    }

    [Fact]
    public void Quantize_of_a_corrupt_file_is_one_line_and_leaves_nothing_behind()
    {
        var bad = _folder.File("bad.gguf");
        File.WriteAllBytes(bad, "GGUF\x03\0\0\0"u8.ToArray());
        var run = CliRun.Invoke("models", "quantize", bad, _folder.File("out.gguf"), "--type", "q8_0");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: file is truncated", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.False(File.Exists(_folder.File("out.gguf")));
    }

    [Fact]
    public void Quantize_rejects_an_unknown_type() =>
        Assert.NotEqual(0, CliRun.Invoke("models", "quantize", SynthTiny(), _folder.File("o.gguf"), "--type", "q3_k").ExitCode);

    [Fact]
    public void Inspect_prints_metadata_with_long_arrays_abbreviated_and_the_tensor_table()
    {
        var run = CliRun.Invoke("models", "inspect", SynthTiny());
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("GGUF v3, alignment 32", run.Output);
        Assert.Contains("llama:      n_embd 64, n_layer 2, n_head 4, n_head_kv 2, n_ff 192, vocab 512", run.Output);
        Assert.Contains("tokenizer.ggml.tokens", run.Output);
        Assert.Contains("… (512 elements)]", run.Output);
        Assert.Matches(@"blk\.1\.ffn_down\.weight\s+f32\s+\[192, 64\]\s+49,152", run.Output);
    }

    [Fact]
    public void Inspect_json_is_one_parseable_object_with_full_arrays()
    {
        var run = CliRun.Invoke("models", "inspect", SynthTiny(), "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("version").GetInt32());
        Assert.Equal(512, root.GetProperty("metadata").GetProperty("tokenizer.ggml.tokens").GetProperty("value").GetArrayLength());
        Assert.Equal("llama", root.GetProperty("metadata").GetProperty("general.architecture").GetProperty("value").GetString());
        var tensors = root.GetProperty("tensors");
        Assert.Equal(21, tensors.GetArrayLength());
        Assert.Equal("token_embd.weight", tensors[0].GetProperty("name").GetString());
        Assert.Equal(64 * 512 * 4, tensors[0].GetProperty("bytes").GetInt64());
    }

    [Fact]
    public void Inspect_of_a_non_gguf_file_names_the_problem()
    {
        var path = _folder.File("notes.txt");
        File.WriteAllText(path, "hello there, not a model");
        var run = CliRun.Invoke("models", "inspect", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: not a GGUF file: the magic bytes are 0x68656C6C, expected 'GGUF' (0x47475546)", run.Error.Trim());
    }

    [Fact]
    public void Inspect_of_a_missing_file_is_a_clear_error()
    {
        var run = CliRun.Invoke("models", "inspect", _folder.File("nope.gguf"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope.gguf", run.Error);
    }

    [Fact]
    public void Inspect_shows_why_a_valid_gguf_is_not_a_runnable_llama()
    {
        var path = SynthTiny();
        var broken = _folder.File("broken.gguf");
        using (var source = GgufFile.Open(path))
        {
            var metadata = source.Metadata.Clone();
            metadata.Remove("llama.attention.layer_norm_rms_epsilon");
            GgufWriter.Write(broken, metadata, source.Tensors
                .Select(t => (new GgufTensorSpec(t.Name, t.Type, t.Dimensions), source.GetTensorBytes(t).ToArray())).ToList());
        }
        var run = CliRun.Invoke("models", "inspect", broken);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("not runnable by this engine: missing required metadata key 'llama.attention.layer_norm_rms_epsilon'", run.Output);
    }

    [Fact]
    public void Import_llama2c_converts_a_checkpoint_and_rejects_a_truncated_one()
    {
        var checkpoint = _folder.File("stories.bin");
        using (var w = new BinaryWriter(File.Create(checkpoint)))
        {
            int dim = 8, hidden = 16, layers = 1, heads = 2, kv = 2, vocab = 260, seq = 4;
            foreach (var v in new[] { dim, hidden, layers, heads, kv, vocab, seq }) w.Write(v);
            var floats = vocab * dim + layers * (dim + 4 * dim * dim + dim + 3 * dim * hidden) + dim + seq * (dim / heads);
            for (var i = 0; i < floats; i++) w.Write(0.001f * (i % 100));
        }
        var output = _folder.File("stories.gguf");
        var run = CliRun.Invoke("models", "import-llama2c", checkpoint, "--out", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("dim 8, hidden 16, 1 layers, 2 heads (2 kv), vocab 260, seq_len 4, classifier shared", run.Output);
        Assert.Equal(0, CliRun.Invoke("models", "inspect", output).ExitCode);

        var bytes = File.ReadAllBytes(checkpoint);
        File.WriteAllBytes(checkpoint, bytes[..^100]);
        var bad = CliRun.Invoke("models", "import-llama2c", checkpoint, "--out", _folder.File("cut.gguf"));
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("error: llama2.c checkpoint is truncated", bad.Error);
        Assert.False(File.Exists(_folder.File("cut.gguf")));
    }

    [Theory]
    [InlineData("synth", "SentencePiece-style")]
    [InlineData("quantize", "byte-identical to ggml's")]
    [InlineData("inspect", "tensors")]
    [InlineData("import-llama2c", "without permutation")]
    public void Every_command_has_a_descriptive_help(string command, string phrase)
    {
        var run = CliRun.Invoke("models", command, "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(phrase, run.Output);
    }
}
