using System.CommandLine;

namespace DeviceLab.Cli.Models;

/// <summary><c>devicelab models …</c>: local tools for GGUF files, and the server's model commands.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", """
            Models: local tools that make, convert and inspect GGUF files with DeviceLab's engine (no server needed), and
            commands that put models on a DeviceLab server and build their variants there.

              local:  synth, quantize, inspect, import-llama2c, catalog
              server: upload, build, add-from-catalog   (--server / DEVICELAB_SERVER, --api-key / DEVICELAB_API_KEY)
            """);
        command.Subcommands.Add(Synth.SynthCommand.Create());
        command.Subcommands.Add(Quantize.QuantizeCommand.Create());
        command.Subcommands.Add(Inspect.InspectCommand.Create());
        command.Subcommands.Add(ImportLlama2c.ImportLlama2cCommand.Create());
        command.Subcommands.Add(Catalog.CatalogCommand.Create());
        command.Subcommands.Add(Upload.UploadCommand.Create());
        command.Subcommands.Add(Build.BuildCommand.Create());
        command.Subcommands.Add(AddFromCatalog.AddFromCatalogCommand.Create());
        return command;
    }
}
