using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Runs;
using DeviceLab.Cli.Suites;

namespace DeviceLab.Cli.Export;

/// <summary><c>devicelab export RUN | --suite S --format csv|json|llama-bench</c>: a run's results as a file for other tools.</summary>
public static class ExportCommand
{
    public static readonly string[] Formats = ["csv", "json", "llama-bench"];

    public static Command Create()
    {
        var api = new ApiOptions();
        var run = new Argument<long?>("RUN") { Description = "The run whose results to export (or use --suite).", Arity = ArgumentArity.ZeroOrOne };
        var suite = new Option<string?>("--suite") { Description = "Export the suite's latest finished runs instead of one run (name or id).", HelpName = "SUITE" };
        var last = new Option<int>("--last") { Description = "With --suite: how many of its latest finished runs.", HelpName = "N", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format", "-f")
        {
            Description = "csv (a line per result, every statistic a column), json (the API's results) or llama-bench (llama.cpp llama-bench -o json shape).",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of standard output.", HelpName = "FILE" };
        var command = api.AddTo(new Command("export", """
            [server] Export results for other tools. csv: one line per result (device, variant, sha256, every metric as
            count / mean / std_dev / min / p10 / p50 / p90 / max columns, flags). json: the API's result objects with their
            full context. llama-bench: the JSON llama.cpp's `llama-bench -o json` writes (a prompt test and a generation
            test per result, samples_ns / samples_ts per repetition, plus devicelab_* fields), so scripts written for
            llama-bench keep working.

            Examples:
              devicelab export 42 --format csv -o run42.csv
              devicelab export 42 -f llama-bench | jq '.[] | select(.n_gen > 0) | .avg_ts'
              devicelab export --suite nightly --last 7 -f json -o week.json

            Exit codes: 0 exported, 1 invalid command line (no run, both a run and --suite), 4 server problem (unreachable,
            API key refused, no such run or suite, no finished run).
            """)
        {
            run, suite, last, format, output,
        });
        command.SetAction((parse, cancellationToken) => ServerAction.RunAsync(parse, api, async (client, terminal) =>
        {
            var runIds = await RunIdsAsync(client, parse.GetValue(run), parse.GetValue(suite), parse.GetValue(last), cancellationToken);
            var chosen = parse.GetValue(format)!;
            var parts = new List<string>();
            foreach (var id in runIds) parts.Add(await client.GetTextAsync($"api/v1/exports/results?runId={id}&format={chosen}", cancellationToken));
            var text = chosen == "csv" ? JoinCsv(parts) : JoinJsonArrays(parts);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, cancellationToken);
                terminal.Error.WriteLine($"Wrote {file.FullName} ({chosen}, {runIds.Count} run(s): {string.Join(", ", runIds)}).");
            }
            else
            {
                terminal.Output.Write(text);
            }
            return ApiExitCodes.Success;
        }));
        return command;
    }

    private static async Task<IReadOnlyList<long>> RunIdsAsync(ApiClient client, long? run, string? suite, int last, CancellationToken cancellationToken)
    {
        if (run is not null && suite is not null) throw new CliInputException("Give a run or --suite, not both.");
        if (run is { } id) return [id];
        if (suite is null) throw new CliInputException("Say what to export: a run id (devicelab export 42) or --suite NAME.");
        if (last is < 1 or > 500) throw new CliInputException($"--last is {last}; use 1–500.");
        var found = await client.FindSuiteAsync(suite, cancellationToken);
        var runs = (await client.ListRunsAsync(found.Id, null, Math.Min(500, last * 4 + 10), cancellationToken)).Where(r => r.IsFinished).Take(last).ToList();
        if (runs.Count == 0) throw new ApiException(ApiFailure.NotFound, $"Suite {found.Name} has no finished run to export yet.", 404);
        return runs.Select(r => r.Id).Reverse().ToList(); // oldest first: a file reads in time order
    }

    /// <summary>CSV files of the same export: the first one's header, then every file's lines.</summary>
    internal static string JoinCsv(IReadOnlyList<string> parts)
    {
        if (parts.Count == 1) return parts[0];
        var lines = new List<string>();
        foreach (var (part, index) in parts.Select((p, i) => (p, i)))
        {
            var partLines = part.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);
            lines.AddRange(index == 0 ? partLines : partLines.Skip(1));
        }
        return string.Join("\r\n", lines) + "\r\n";
    }

    /// <summary>JSON arrays of the same export as one array.</summary>
    internal static string JoinJsonArrays(IReadOnlyList<string> parts)
    {
        if (parts.Count == 1) return parts[0];
        var all = new JsonArray();
        foreach (var part in parts)
        {
            foreach (var item in JsonNode.Parse(part)!.AsArray().ToList())
            {
                item!.Parent!.AsArray().Remove(item);
                all.Add(item);
            }
        }
        return all.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
