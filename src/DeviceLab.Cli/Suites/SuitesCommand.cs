using System.CommandLine;
using System.Globalization;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Runs;
using Spectre.Console;

namespace DeviceLab.Cli.Suites;

/// <summary><c>devicelab suites …</c>: list suites, run one now.</summary>
public static class SuitesCommand
{
    public static Command Create()
    {
        var command = new Command("suites", "[server] Suites: benchmark matrices (variants × devices × parameters), on demand or nightly.");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRun());
        return command;
    }

    private static Command CreateList()
    {
        var api = new ApiOptions();
        var json = new Option<bool>("--json") { Description = "Write the suites as JSON (the API's shape) instead of a table." };
        var command = api.AddTo(new Command("list", """
            [server] List suites with their variants, device selector, parameters, schedule (cron, UTC) and next run.

            Example:
              devicelab suites list

            Exit codes: 0 listed, 1 invalid command line, 4 server problem (unreachable, API key refused).
            """)
        {
            json,
        });
        command.SetAction((parse, cancellationToken) => ServerAction.RunAsync(parse, api, async (client, terminal) =>
        {
            var suites = await client.ListSuitesAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                terminal.WriteJson(suites);
                return ApiExitCodes.Success;
            }
            if (suites.Count == 0)
            {
                terminal.Output.WriteLine("No suites yet (create one in the dashboard, or run devicelab demo).");
                return ApiExitCodes.Success;
            }
            var table = new Table().AddColumns("id", "name", "variants", "devices", "parameters", "schedule (UTC)", "next run");
            foreach (var s in suites)
            {
                var selector = s.DeviceSelector.Tags.Count == 0 && s.DeviceSelector.DeviceModels.Count == 0
                    ? "all"
                    : string.Join("; ", new[] { s.DeviceSelector.Tags.Count > 0 ? "tags " + string.Join(",", s.DeviceSelector.Tags) : null,
                        s.DeviceSelector.DeviceModels.Count > 0 ? "models " + string.Join(",", s.DeviceSelector.DeviceModels) : null }.OfType<string>());
                var p = s.Parameters;
                table.AddRow(
                    s.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Name) + (s.Enabled ? "" : " (disabled)"),
                    string.Join(", ", s.VariantIds), Markup.Escape(selector),
                    $"pp{p.PromptTokens} tg{p.GeneratedTokens}, {p.Warmups}+{p.Repetitions} reps",
                    Markup.Escape(s.Cron ?? "on demand"), s.NextRunAt is { } next ? next.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-");
            }
            terminal.Results.Write(table);
            return ApiExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateRun()
    {
        var api = new ApiOptions();
        var suite = new Argument<string>("SUITE") { Description = "The suite: its name or id." };
        var wait = new Option<bool>("--wait") { Description = "Wait for the run with live progress (like devicelab runs wait) and exit by its outcome." };
        var timeout = WaitCommand.TimeoutOption();
        var json = new Option<bool>("--json") { Description = "Write the run as JSON (at the end with --wait)." };
        var command = api.AddTo(new Command("run", $"""
            [server] Run a suite now (one job per selected device, every variant interleaved) and print the run's id.

            Examples:
              devicelab suites run nightly
              RUN=$(devicelab suites run nightly --json | jq .id) && devicelab runs wait "$RUN"
              devicelab suites run nightly --wait --timeout 3600

            Exit codes without --wait: 0 run started, 1 invalid command line, 4 server problem (unreachable, API key refused,
            no such suite, the suite cannot run now — e.g. no device matches).
            With --wait: {RunOutcome.HelpText}
            """)
        {
            suite, wait, json, timeout,
        });
        command.SetAction((parse, cancellationToken) => ServerAction.RunAsync(parse, api, async (client, terminal) =>
        {
            var found = await client.FindSuiteAsync(parse.GetValue(suite)!, cancellationToken);
            var run = await client.TriggerSuiteAsync(found.Id, cancellationToken);
            if (!parse.GetValue(wait))
            {
                if (parse.GetValue(json)) terminal.WriteJson(run);
                else terminal.Output.WriteLine($"Started run {run.Id} of suite {found.Name}: {run.Tally.Total} device job(s). Follow it: devicelab runs wait {run.Id}");
                return ApiExitCodes.Success;
            }
            terminal.Error.WriteLine($"Started run {run.Id} of suite {found.Name}.");
            var final = await new RunWatch(client, terminal).WaitAsync(run.Id, TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken);
            return WaitCommand.Report(terminal, final, parse.GetValue(json), parse.GetValue(timeout));
        }, serverProblemExitCode: parse.GetValue(wait) ? RunOutcome.ServerProblem : ApiExitCodes.ServerProblem));
        return command;
    }
}
