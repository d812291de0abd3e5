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
        var root = new RootCommand("""
            devicelab: benchmark on-device LLM inference across a device fleet.

              start here:  demo                          (a whole DeviceLab on this machine: server, PostgreSQL, adb, two virtual devices)
              local:       models synth|quantize|inspect|import-llama2c|catalog, generate, eval, bench, regressions evaluate
              server:      devices, models upload|build|add-from-catalog, suites, runs, compare, export, import, regressions list|gate

            Server commands take --server URL (or $DEVICELAB_SERVER, default http://127.0.0.1:5080) and --api-key KEY (or
            $DEVICELAB_API_KEY), print tables (or JSON with --json) on standard output and progress and errors on standard error.
            Exit codes shared by server commands: 0 done, 1 invalid command line or input file, 4 server problem (unreachable,
            API key refused, not found, refused); commands that wait say theirs in their --help.
            """);
        // Commands register here, one line each.
        root.Subcommands.Add(Models.ModelsCommand.Create());
        root.Subcommands.Add(Regressions.RegressionsCommand.Create());
        root.Subcommands.Add(Demo.DemoCommand.Create());
        root.Subcommands.Add(Generate.GenerateCommand.Create());
        root.Subcommands.Add(Eval.EvalCommand.Create());
        root.Subcommands.Add(Bench.BenchCommand.Create());
        root.Subcommands.Add(Devices.DevicesCommand.Create());
        root.Subcommands.Add(Suites.SuitesCommand.Create());
        root.Subcommands.Add(Runs.RunsCommand.Create());
        root.Subcommands.Add(Compare.CompareCommand.Create());
        root.Subcommands.Add(Export.ExportCommand.Create());
        root.Subcommands.Add(Import.ImportCommand.Create());
        Help.CommandHelp.Complete(root);
        return root;
    }
}
