using System.CommandLine;
using DeviceLab.Agent.Output;

namespace DeviceLab.Agent.Commands;

/// <summary>The <c>devicelab-agent</c> command tree, and the one place where parse errors become exit code 2 with an error event.</summary>
public static class AgentApplication
{
    public static RootCommand BuildRootCommand(AgentConsole console)
    {
        var root = new RootCommand(
            "devicelab-agent: measures LLM inference on this device and streams JSON-lines events.\n" +
            "Exit codes: 0 success, 1 internal error, 2 bad input, 3 not admitted, 130 cancelled.");
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(ConnectCommand.Create(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, AgentConsole console)
    {
        var parse = BuildRootCommand(console).Parse(args);
        if (parse.Errors.Count > 0 && parse.CommandResult.Command.Name == "bench")
        {
            var events = new AgentEventStream(new StreamEventTarget(console.Events), new Telemetry.AgentClock(console.Time));
            return BenchCommand.RefuseArguments(events, console, parse.Errors.Select(e => e.Message).ToList(), declaredVirtual: false);
        }
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) console.Log.WriteLine($"devicelab-agent: {e.Message}");
            return Core.AgentProtocol.AgentExitCodes.BadInput;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Log, Error = console.Log }).ConfigureAwait(false);
    }
}
