using System.CommandLine;
using System.Diagnostics;
using DeviceLab.Engine.Import;

namespace DeviceLab.Cli.Models.ImportLlama2c;

/// <summary><c>devicelab models import-llama2c</c>: convert a llama2.c checkpoint to GGUF.</summary>
public static class ImportLlama2cCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<FileInfo>("CHECKPOINT")
        {
            Description = "A llama2.c checkpoint (.bin, e.g. stories15M.bin): 7 × int32 header, then float32 weights.",
        };
        var tokenizer = new Option<FileInfo?>("--tokenizer")
        {
            Description = "llama2.c tokenizer.bin with the model's vocabulary. Without it the GGUF gets a byte-level " +
                          "vocabulary (<unk>, <s>, </s>, <0x00>..<0xFF>, unused placeholders) that is valid but does not " +
                          "match what the model was trained on.",
        };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The GGUF file to write (f32 weights).", Required = true };
        var command = new Command("import-llama2c",
            "Convert a llama2.c checkpoint (and optionally its tokenizer.bin) into a llama GGUF file with f32 " +
            "weights. The header is checked against the file size; wq/wk are copied without permutation since " +
            "llama2.c rotates adjacent pairs like GGUF's llama RoPE. Quantize the result with 'models quantize'.")
        {
            checkpoint, tokenizer, output,
        };
        command.SetAction(parse => ModelCommandAction.Run(parse, stdout =>
        {
            var clock = Stopwatch.StartNew();
            var path = parse.GetValue(output)!.FullName;
            var h = Llama2cImporter.Import(parse.GetValue(checkpoint)!.FullName, parse.GetValue(tokenizer)?.FullName, path);
            var bytes = new FileInfo(path).Length;
            stdout.WriteLine(
                $"wrote {path}: dim {h.Dim}, hidden {h.HiddenDim}, {h.Layers} layers, {h.Heads} heads ({h.KvHeads} kv), " +
                $"vocab {h.VocabSize}, seq_len {h.SeqLen}, classifier {(h.SharedClassifier ? "shared" : "separate")}, " +
                $"{ModelCommandAction.Megabytes(bytes)} in {clock.Elapsed.TotalSeconds:0.00} s");
            return 0;
        }));
        return command;
    }
}
