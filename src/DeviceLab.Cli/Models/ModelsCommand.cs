using System.CommandLine;

namespace DeviceLab.Cli.Models;

/// <summary><c>devicelab models …</c>: local tools that make, convert and look into GGUF model files.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models",
            "Make, convert and inspect GGUF model files locally (no server needed): synthesize llama models, " +
            "build quantized variants, import llama2.c checkpoints, and print a file's metadata and tensors.");
        command.Subcommands.Add(Synth.SynthCommand.Create());
        command.Subcommands.Add(Quantize.QuantizeCommand.Create());
        command.Subcommands.Add(Inspect.InspectCommand.Create());
        command.Subcommands.Add(ImportLlama2c.ImportLlama2cCommand.Create());
        return command;
    }
}
