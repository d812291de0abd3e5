using System.CommandLine;
using System.Globalization;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Models;
using DeviceLab.Cli.Suites;
using DeviceLab.Cli.Terminal;
using Spectre.Console;

namespace DeviceLab.Cli.Compare;

/// <summary><c>devicelab compare --model M</c>: the dashboard's comparison table in the terminal.</summary>
public static class CompareCommand
{
    /// <summary>Metrics shown by default, in the dashboard's order.</summary>
    public static readonly IReadOnlyList<string> DefaultMetrics =
        ["decode_tokens_per_second", "decode_ms_per_token", "prefill_tokens_per_second", "time_to_first_token_ms", "peak_memory_bytes", "energy_mj_per_token", "perplexity", "kl_divergence"];

    public static Command Create()
    {
        var api = new ApiOptions();
        var model = new Option<string>("--model", "-m") { Description = "The model: its name or id.", Required = true, HelpName = "MODEL" };
        var variants = new Option<string?>("--variants") { Description = "Only these variants: quantizations (f16,q8_0,q4_0) or variant ids, comma-separated.", HelpName = "LIST" };
        var deviceModels = new Option<string?>("--device-models") { Description = "Only these device models, comma-separated, e.g. \"Pixel 8,Pixel 7\".", HelpName = "LIST" };
        var run = new Option<long?>("--run") { Description = "Only results of this run.", HelpName = "RUN" };
        var suite = new Option<string?>("--suite") { Description = "Only results of this suite's runs (name or id).", HelpName = "SUITE" };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only results created at or after this time (ISO 8601; UTC without an offset).", HelpName = "TIME" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only results created before this time.", HelpName = "TIME" };
        var noVirtual = new Option<bool>("--no-virtual") { Description = "Leave out results of DeviceLab virtual devices (they are flagged otherwise)." };
        var metrics = new Option<string?>("--metrics")
        {
            Description = $"Metrics to show, comma-separated (default: {string.Join(",", DefaultMetrics)}; the server lists them at /api/v1/results/metrics).",
            HelpName = "LIST",
        };
        var json = new Option<bool>("--json") { Description = "Write the API's rows as JSON (every metric, every statistic) instead of a table." };
        var command = api.AddTo(new Command("compare", """
            [server] Compare a model's variants across device models, like the dashboard's compare page: one row per
            (device model, variant), every metric with its spread — mean ± pooled stddev, then p50 / p90, and n (how many
            measurements: tokens for ms/token, repetitions for tokens/s, results for one-number metrics). Units: tokens/s,
            ms/token, ms, MB (peak memory), mJ/token (energy; invalid measurements left out and counted), nats (KL).
            Rows measured on virtual devices or with simulated telemetry say so.

            Examples:
              devicelab compare --model smollm-135m-synthetic
              devicelab compare -m smollm-135m-synthetic --variants q8_0,q4_0 --device-models "Pixel 8" --suite nightly
              devicelab compare -m 3 --run 42 --json

            Exit codes: 0 shown (also when nothing matched), 1 invalid command line, 4 server problem (unreachable, API key
            refused, unknown model or suite).
            """)
        {
            model, variants, deviceModels, run, suite, from, to, noVirtual, metrics, json,
        });
        command.SetAction((parse, cancellationToken) => ServerAction.RunAsync(parse, api, async (client, terminal) =>
        {
            var found = await client.FindModelAsync(parse.GetValue(model)!, cancellationToken);
            var suiteId = parse.GetValue(suite) is { } s ? (await client.FindSuiteAsync(s, cancellationToken)).Id : (long?)null;
            var filter = new CompareFilter(found.Id, VariantIds(found, parse.GetValue(variants)), List(parse.GetValue(deviceModels)),
                parse.GetValue(run), suiteId, parse.GetValue(from), parse.GetValue(to), !parse.GetValue(noVirtual));
            var rows = await client.CompareAsync(filter, cancellationToken);
            if (parse.GetValue(json)) terminal.WriteJson(rows);
            else Write(terminal, found.Name, rows, parse.GetValue(metrics) is { } chosen ? List(chosen) : DefaultMetrics);
            return ApiExitCodes.Success;
        }));
        return command;
    }

    /// <exception cref="CliInputException">A quantization the model has no variant of, or an id that is not one of its variants.</exception>
    internal static IReadOnlyList<long> VariantIds(ModelInfo model, string? list)
    {
        var ids = new List<long>();
        foreach (var item in List(list))
        {
            var variant = long.TryParse(item, out var id)
                ? model.Variants.FirstOrDefault(v => v.Id == id)
                : model.Variants.FirstOrDefault(v => string.Equals(v.QuantName, item, StringComparison.OrdinalIgnoreCase));
            if (variant is null)
                throw new CliInputException($"Model {model.Name} has no variant '{item}'; it has {string.Join(", ", model.Variants.Select(v => $"{v.QuantName} (id {v.Id})"))}.");
            ids.Add(variant.Id);
        }
        return ids;
    }

    private static IReadOnlyList<string> List(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static void Write(CommandTerminal terminal, string modelName, IReadOnlyList<CompareRowInfo> rows, IReadOnlyList<string> metrics)
    {
        if (rows.Count == 0)
        {
            terminal.Output.WriteLine($"No results of {modelName} match.");
            return;
        }
        var shown = metrics.Where(m => rows.Any(r => r.Metrics.ContainsKey(m))).ToList();
        var table = new Table().AddColumn("device model").AddColumn("variant").AddColumn("engine");
        foreach (var metric in shown) table.AddColumn(new TableColumn(Markup.Escape(Label(metric, UnitOf(rows, metric)))).RightAligned());
        table.AddColumn("results on devices").AddColumn("flags");
        foreach (var row in rows)
        {
            var cells = new List<string> { Markup.Escape(row.DeviceModel), row.QuantType.ToString().ToUpperInvariant(), Markup.Escape(row.Engine ?? "DeviceLab") };
            cells.AddRange(shown.Select(m => row.Metrics.TryGetValue(m, out var a) ? Markup.Escape(Cell(a)) : "-"));
            cells.Add($"{row.Results} on {row.Devices}");
            cells.Add(Markup.Escape(Flags(row)));
            table.AddRow(cells.ToArray());
        }
        terminal.Results.MarkupLine($"[bold]{Markup.Escape(modelName)}[/]: mean ± stddev, p50 / p90, n");
        terminal.Results.Write(table);
    }

    /// <summary>"183.2 ± 4.1\n181.0 / 188.3, n 15" (memory in MB), every number with the precision the mean needs.</summary>
    internal static string Cell(MetricAggregateInfo a)
    {
        var scale = a.Unit == "bytes" ? 1e-6 : 1;
        var format = Math.Abs((a.Mean ?? 0) * scale) switch { >= 100 => "0.0", >= 1 => "0.00", _ => "0.0000" };
        string F(double? v) => v is { } x ? (x * scale).ToString(format, CultureInfo.InvariantCulture) : "?";
        var spread = a.StdDev is { } sd ? $"{F(a.Mean)} ± {F(sd)}" : F(a.Mean);
        return a.P50 is null ? $"{spread}\nn {a.N}" : $"{spread}\n{F(a.P50)} / {F(a.P90)}, n {a.N}";
    }

    /// <summary>Short column titles (the dashboard's words); other metrics by their API name and unit.</summary>
    private static string Label(string metric, string unit) => metric switch
    {
        "decode_tokens_per_second" => "decode t/s",
        "decode_ms_per_token" => "decode ms/token",
        "prefill_tokens_per_second" => "prefill t/s",
        "time_to_first_token_ms" => "TTFT ms",
        "peak_memory_bytes" => "peak memory MB",
        "energy_mj_per_token" => "energy mJ/token",
        "perplexity" => "perplexity",
        "kl_divergence" => "KL nats",
        "top1_agreement" => "top-1 agreement",
        _ => $"{metric} ({unit})",
    };

    private static string UnitOf(IReadOnlyList<CompareRowInfo> rows, string metric) =>
        rows.Select(r => r.Metrics.GetValueOrDefault(metric)?.Unit).FirstOrDefault(u => u is not null) is "bytes" ? "MB" : rows.Select(r => r.Metrics.GetValueOrDefault(metric)?.Unit).First(u => u is not null)!;

    private static string Flags(CompareRowInfo row)
    {
        var flags = new List<string>();
        if (row.AllVirtual) flags.Add("virtual devices");
        else if (row.AnyVirtual) flags.Add("some virtual");
        if (row.AnySimulated) flags.Add("simulated telemetry");
        if (row.AnyPartial) flags.Add("partial jobs");
        if (row.EnergyInvalidResults > 0) flags.Add($"{row.EnergyInvalidResults} invalid energy");
        return string.Join(", ", flags);
    }
}
