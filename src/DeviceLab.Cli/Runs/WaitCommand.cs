using System.CommandLine;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Terminal;

namespace DeviceLab.Cli.Runs;

/// <summary><c>devicelab runs wait RUN</c>: live progress until the run ends; the exit code says how it ended.</summary>
public static class WaitCommand
{
    public static Command Create()
    {
        var api = new ApiOptions();
        var run = new Argument<long>("RUN") { Description = "The run's id (devicelab suites run prints it)." };
        var timeout = TimeoutOption();
        var json = new Option<bool>("--json") { Description = "Write the run (with its jobs) as JSON at the end; progress still goes to standard error." };
        var command = api.AddTo(new Command("wait", $"""
            [server] Wait for a run to end, with a progress bar per device (measured repetitions done of total, attempt,
            error) drawn live on a terminal and as plain lines in CI logs. Progress goes to standard error; the summary
            (or --json) to standard output.

            Examples:
              devicelab runs wait 42
              devicelab runs wait 42 --timeout 1800 --json > run.json || echo "run 42 did not succeed: $?"

            {RunOutcome.HelpText}
            """)
        {
            run, timeout, json,
        });
        command.SetAction((parse, cancellationToken) => ServerAction.RunAsync(parse, api, async (client, terminal) =>
        {
            var final = await new RunWatch(client, terminal).WaitAsync(parse.GetValue(run), TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken);
            return Report(terminal, final, parse.GetValue(json), parse.GetValue(timeout));
        }, serverProblemExitCode: RunOutcome.ServerProblem));
        return command;
    }

    internal static Option<double> TimeoutOption() => new("--timeout")
    {
        Description = "Longest wait for the run, seconds; the run goes on after it.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 3600,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<double>() is var seconds && !(seconds > 0 && seconds <= 7 * 86_400))
                    result.AddError($"--timeout is seconds from 1 to 604800, got {seconds}.");
            },
        },
    };

    /// <summary>Prints how the run ended and returns its <see cref="RunOutcome"/> exit code.</summary>
    internal static int Report(CommandTerminal terminal, RunInfo run, bool json, double timeoutSeconds)
    {
        if (json) terminal.WriteJson(run);
        if (!run.IsFinished)
        {
            terminal.Fail($"Run {run.Id} had not finished after {timeoutSeconds:0} s ({RunWatch.Word(run.Status)}); it goes on.");
            return RunOutcome.TimedOut;
        }
        var took = run.FinishedAt - (run.StartedAt ?? run.CreatedAt);
        var summary = $"Run {run.Id} {RunWatch.Word(run.Status)}" +
                      (took is { } t ? $" in {t.TotalSeconds:0} s" : "") +
                      $": {run.Tally.Succeeded} of {run.Tally.Total} jobs succeeded, {run.Tally.Failed} failed, {run.Tally.Cancelled} cancelled.";
        (json ? terminal.Error : terminal.Output).WriteLine(summary);
        foreach (var job in (run.Jobs ?? []).Where(j => j.ErrorMessage is not null))
            terminal.Error.WriteLine($"  {RunWatch.Describe(job, job.Attempts.LastOrDefault())}");
        return RunOutcome.Of(run.Status);
    }
}
