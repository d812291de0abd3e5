using System.CommandLine;

namespace DeviceLab.Cli;

/// <summary>
/// Assembles the devicelab command tree. Each command lives in its own folder
/// (Models/, Generate/, Bench/, …) and exposes a <c>Create()</c> factory; this is the one list of them.
/// </summary>
public static class CliApplication
{
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand(
            "devicelab: benchmark on-device LLM inference across a device fleet.\n" +
            "Local commands work on GGUF files with DeviceLab's engine; server commands talk to a DeviceLab server.");
        // Commands register here, one line each.
        root.Subcommands.Add(Models.ModelsCommand.Create());
        root.Subcommands.Add(Regressions.RegressionsCommand.Create());
        root.Subcommands.Add(Demo.DemoCommand.Create());
        root.Subcommands.Add(Generate.GenerateCommand.Create());
        root.Subcommands.Add(Eval.EvalCommand.Create());
        root.Subcommands.Add(Bench.BenchCommand.Create());
        return root;
    }
}
