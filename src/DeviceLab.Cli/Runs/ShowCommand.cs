using System.CommandLine;
using System.Globalization;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Terminal;
using DeviceLab.Core.Statistics;
using Spectre.Console;

namespace DeviceLab.Cli.Runs;

/// <summary><c>devicelab runs show RUN</c>: a run, its jobs and its results with their spread.</summary>
public static class ShowCommand
{
    public static Command Create()
    {
        var api = new ApiOptions();
        var run = new Argument<long>("RUN") { Description = "The run's id." };
        var json = new Option<bool>("--json") { Description = "Write {\"run\": …, \"results\": […]} as JSON (the API's shapes) instead of tables." };
        var command = api.AddTo(new Command("show", """
            [server] Show a run: its status, parameters, a line per device job (status, attempts, errors) and a line per
            result with its spread — decode tokens/s mean ± stddev, decode ms/token p50 and p90, prefill tokens/s, time to
            first token (ms), peak memory (MB) — and the flags that say how far to trust it (virtual device, simulated
            telemetry, partial job, the engine for imported llama.cpp results).

            Examples:
              devicelab runs show 42
              devicelab runs show 42 --json | jq '.results[].decodeTokensPerSecond.mean'

            Exit codes: 0 shown, 1 invalid command line, 4 server problem (unreachable, API key refused, no such run).
            """)
        {
            run, json,
        });
        command.SetAction((parse, cancellationToken) => ServerAction.RunAsync(parse, api, async (client, terminal) =>
        {
            var detail = await client.GetRunAsync(parse.GetValue(run), cancellationToken);
            var results = await client.ListResultsAsync(detail.Id, cancellationToken);
            if (parse.GetValue(json)) terminal.WriteJson(new { run = detail, results });
            else Write(terminal, detail, results);
            return ApiExitCodes.Success;
        }));
        return command;
    }

    internal static void Write(CommandTerminal terminal, RunInfo run, IReadOnlyList<ResultInfo> results)
    {
        var p = run.Parameters;
        terminal.Results.MarkupLine(Markup.Escape(
            $"run {run.Id}: {RunWatch.Word(run.Status)} ({RunWatch.Word(run.Trigger)}{(run.RequestedBy is { } by ? $" by {by}" : "")}" +
            $"{(run.SuiteId is { } suite ? $", suite {suite}" : "")}), created {run.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC" +
            (run.FinishedAt is { } end ? $", finished {end:HH:mm:ss}" : "")));
        terminal.Results.MarkupLine(Markup.Escape(
            $"parameters: {p.PromptTokens} prompt tokens, {p.GeneratedTokens} generated tokens, {(p.Threads == 0 ? "threads of the agent's choice" : $"{p.Threads} thread(s)")}, " +
            $"{p.Warmups} warm-up(s), {p.Repetitions} repetitions"));
        foreach (var job in run.Jobs ?? []) terminal.Results.MarkupLine("  " + Markup.Escape(RunWatch.Describe(job, job.Attempts.LastOrDefault())));
        if (results.Count == 0)
        {
            terminal.Results.MarkupLine("No results yet.");
            return;
        }
        var table = new Table().AddColumns("device", "variant", "engine", "decode t/s", "ms/token p50 · p90", "prefill t/s", "TTFT ms", "peak MB", "flags");
        foreach (var r in results)
        {
            var flags = new List<string>();
            if (r.IsVirtual) flags.Add("virtual");
            if (r.IsSimulated) flags.Add("simulated telemetry");
            if (r.IsPartial) flags.Add("partial");
            if (r.Superseded) flags.Add($"superseded (attempt {r.Attempt})");
            table.AddRow(
                Markup.Escape($"{r.DeviceSerial} ({r.DeviceModel ?? "?"})"), r.QuantType.ToString().ToUpperInvariant(), Markup.Escape(r.Engine),
                MeanSpread(r.DecodeTokensPerSecond), Percentiles(r.DecodeMsPerToken), MeanSpread(r.PrefillTokensPerSecond),
                MeanSpread(r.TimeToFirstTokenMs), Markup.Escape(PeakMemory(r)),
                Markup.Escape(string.Join(", ", flags)));
        }
        terminal.Results.Write(table);
        terminal.Results.MarkupLine("peak MB: [[VmHWM]] the kernel's high-water mark, reset before each repetition (exact); " +
                                    "[[sampled]] the highest resident size the agent sampled (can miss a short spike).");
    }

    /// <summary>"327.5 [VmHWM]": the figure and how it was measured, so an exact peak and a sampled one are never confused.</summary>
    internal static string PeakMemory(ResultInfo r)
    {
        if (r.PeakMemoryBytes is not { } peak || r.PeakMemoryMethod == Core.AgentProtocol.PeakMemoryMethods.Unavailable) return "-";
        var figure = (peak / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
        return r.PeakMemoryMethod switch
        {
            Core.AgentProtocol.PeakMemoryMethods.HighWaterMarkReset => $"{figure} [VmHWM]",
            Core.AgentProtocol.PeakMemoryMethods.SampledResidentMax => $"{figure} [sampled]",
            Core.AgentProtocol.PeakMemoryMethods.Mixed => $"{figure} [mixed]",
            _ => figure,
        };
    }

    /// <summary>"183.2 ± 4.1 (n 5)".</summary>
    internal static string MeanSpread(SampleSummary? s) =>
        s is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v.Mean:0.0} ± {v.StdDev:0.0} (n {v.Count})") : "-";

    internal static string Percentiles(SampleSummary? s) =>
        s is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v.P50:0.00} · {v.P90:0.00}") : "-";
}
