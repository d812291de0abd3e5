using System.CommandLine;
using System.Diagnostics;
using DeviceLab.Engine.Quantization;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Cli.Models.Quantize;

/// <summary><c>devicelab models quantize</c>: build a quantized variant of an F32/F16 GGUF file.</summary>
public static class QuantizeCommand
{
    private static readonly string[] TypeNames = ["q8_0", "q4_0", "f16", "f32"];

    public static Command Create()
    {
        var input = new Argument<FileInfo>("IN") { Description = "Source GGUF file with f32 or f16 weights." };
        var output = new Argument<FileInfo>("OUT") { Description = "Variant to write (replaced if it exists; written to OUT.partial until complete)." };
        var type = new Option<string>("--type", "-t")
        {
            Description = "Type of the weight matrices: q8_0 (34 bytes per 32 weights), q4_0 (18 bytes per 32 weights), f16 or f32.",
            Required = true,
        };
        type.AcceptOnlyFromAmong(TypeNames);
        var embeddingType = new Option<string?>("--embedding-type")
        {
            Description = "Type of token_embd.weight (default: --type, like llama.cpp's --pure).",
        };
        embeddingType.AcceptOnlyFromAmong(TypeNames);
        var outputType = new Option<string?>("--output-type") { Description = "Type of output.weight (default: --type)." };
        outputType.AcceptOnlyFromAmong(TypeNames);
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the summary line, no per-tensor progress." };

        var command = new Command("quantize",
            "Build a variant of a GGUF model: every weight matrix converted to --type with the reference " +
            "quantizer (byte-identical to ggml's), norms kept f32. Matrices whose rows are not a multiple of 32 " +
            "stay f16/f32 and are listed in the metadata key devicelab.quantization.skipped. Sets general.file_type " +
            "and general.quantization_version. Streams tensor by tensor, so memory stays small.")
        {
            input, output, type, embeddingType, outputType, quiet,
        };
        command.SetAction(parse => ModelCommandAction.Run(parse, stdout =>
        {
            var options = new VariantOptions(Parse(parse.GetValue(type)!))
            {
                EmbeddingType = parse.GetValue(embeddingType) is { } e ? Parse(e) : null,
                OutputType = parse.GetValue(outputType) is { } o ? Parse(o) : null,
                Progress = parse.GetValue(quiet) ? null : p =>
                    stdout.WriteLine($"[{p.TensorsDone,4}/{p.TensorCount}] {p.TensorName} ({100.0 * p.BytesDone / Math.Max(1, p.TotalBytes):0}%)"),
            };
            var source = parse.GetValue(input)!.FullName;
            var clock = Stopwatch.StartNew();
            var report = VariantBuilder.Build(source, parse.GetValue(output)!.FullName, options);
            foreach (var skipped in report.Skipped) stdout.WriteLine($"kept unquantized: {skipped}");
            stdout.WriteLine(
                $"wrote {report.Path}: {GgmlTypes.NameOf(options.Type)}, {ModelCommandAction.Megabytes(report.FileBytes)} " +
                $"({report.FileBytes:N0} bytes) from {ModelCommandAction.Megabytes(new FileInfo(source).Length)} in {clock.Elapsed.TotalSeconds:0.00} s");
            return 0;
        }));
        return command;
    }

    private static GgmlType Parse(string name) =>
        GgmlTypes.TryParse(name, out var type) ? type : throw new ArgumentException($"unknown type '{name}'");
}
