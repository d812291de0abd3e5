using System.CommandLine;
using System.Diagnostics;
using DeviceLab.Engine.Synthesis;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Cli.Models.Synth;

/// <summary><c>devicelab models synth</c>: write a llama GGUF file with random weights.</summary>
public static class SynthCommand
{
    public static Command Create()
    {
        var shape = new Option<string>("--shape")
        {
            Description = "Model shape: tiny (tests, 0.7 MB), tiny-tied (tiny with the output tied to the embedding), " +
                          "smollm-135m (SmolLM-135M: n_embd 576, 30 blocks, 9 heads / 3 kv heads, ff 1536, vocab 49152, output not tied), " +
                          "qwen-0.5b (Qwen2.5-0.5B-like llama: n_embd 896, 24 blocks, 14 / 2 heads, ff 4864, vocab 151936, tied).",
            Required = true,
        };
        shape.AcceptOnlyFromAmong(SyntheticShapes.All.Select(s => s.Name).ToArray());
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the weight generator; the same shape, seed and type always give the same file.",
            DefaultValueFactory = _ => 0,
        };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The GGUF file to write (replaced if it exists).", Required = true };
        var type = new Option<string?>("--type")
        {
            Description = "Storage type of the weight matrices: f16 or f32. Norms are always f32. " +
                          "Default: f32 for the tiny shapes, f16 for the others.",
        };
        type.AcceptOnlyFromAmong("f16", "f32");

        var command = new Command("synth",
            "Write a complete llama GGUF model with random weights (normal, sd 0.02; norms 1.0) and a valid " +
            "SentencePiece-style vocabulary (<unk>, <s>, </s>, byte tokens <0x00>..<0xFF>, then word pieces). " +
            "Deterministic: the same shape and seed give the same bytes. No download needed; llama.cpp loads the files.")
        {
            shape, seed, output, type,
        };
        command.SetAction(parse => ModelCommandAction.Run(parse, stdout =>
        {
            var chosen = SyntheticShapes.ByName(parse.GetValue(shape)!);
            var weightType = parse.GetValue(type) is { } t && GgmlTypes.TryParse(t, out var parsed) ? parsed : chosen.DefaultWeightType;
            var path = parse.GetValue(output)!.FullName;
            var clock = Stopwatch.StartNew();
            var bytes = SyntheticModel.Write(path, chosen, parse.GetValue(seed), weightType);
            stdout.WriteLine(
                $"wrote {path}: {chosen.Name}, {chosen.ParameterCount:N0} parameters, {GgmlTypes.NameOf(weightType)}, " +
                $"{ModelCommandAction.Megabytes(bytes)} ({bytes:N0} bytes) in {clock.Elapsed.TotalSeconds:0.00} s");
            return 0;
        }));
        return command;
    }
}
