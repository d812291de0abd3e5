using System.CommandLine;
using DeviceLab.Engine.Gguf;

namespace DeviceLab.Cli.Models.Inspect;

/// <summary><c>devicelab models inspect</c>: print a GGUF file's metadata and tensor table.</summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The GGUF file to inspect." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (metadata with full arrays, tensors, summary) instead of tables." };
        var command = new Command("inspect",
            "Validate a GGUF file and print its header: version, alignment, every metadata key with its type and " +
            "value (arrays longer than 8 elements abbreviated), the llama hyperparameters when the file is a llama " +
            "model, and a table of tensors (name, type, dimensions with the contiguous one first, bytes). " +
            "A corrupt file gives one line naming the problem and exit code 1.")
        {
            file, json,
        };
        command.SetAction(parse => ModelCommandAction.Run(parse, stdout =>
        {
            using var gguf = GgufFile.Open(parse.GetValue(file)!.FullName);
            if (parse.GetValue(json)) InspectJson.Write(gguf, stdout);
            else InspectText.Write(gguf, stdout);
            return 0;
        }));
        return command;
    }
}
