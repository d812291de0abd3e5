using System.CommandLine;
using DeviceLab.Cli.Api;

namespace DeviceLab.Cli.Runs;

/// <summary><c>devicelab runs …</c>: follow, show and cancel runs on a server.</summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var command = new Command("runs", "[server] Runs: wait for one with live progress (exit code by outcome), show one with its results, cancel one.");
        command.Subcommands.Add(WaitCommand.Create());
        command.Subcommands.Add(ShowCommand.Create());
        command.Subcommands.Add(CreateCancel());
        return command;
    }

    private static Command CreateCancel()
    {
        var api = new ApiOptions();
        var run = new Argument<long>("RUN") { Description = "The run's id." };
        var command = api.AddTo(new Command("cancel", """
            [server] Cancel a run: agents are stopped on their devices; jobs that finished keep their results.

            Example:
              devicelab runs cancel 42

            Exit codes: 0 cancel requested, 1 invalid command line, 4 server problem (unreachable, API key refused, no such run,
            run already ended).
            """)
        {
            run,
        });
        command.SetAction((parse, cancellationToken) => ServerAction.RunAsync(parse, api, async (client, terminal) =>
        {
            var cancelled = await client.CancelRunAsync(parse.GetValue(run), cancellationToken);
            terminal.Output.WriteLine($"Cancelling run {cancelled.Id} ({RunWatch.Word(cancelled.Status)}).");
            return ApiExitCodes.Success;
        }));
        return command;
    }
}
