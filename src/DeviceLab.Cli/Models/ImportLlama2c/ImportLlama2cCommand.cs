using System.CommandLine;

namespace DeviceLab.Cli.Models.ImportLlama2c;

/// <summary><c>devicelab models import-llama2c</c>: convert a llama2.c checkpoint to GGUF.</summary>
public static class ImportLlama2cCommand
{
    public static Command Create()
    {
        var command = new Command("import-llama2c", "Convert a llama2.c checkpoint to GGUF (not yet available).");
        return command;
    }
}
