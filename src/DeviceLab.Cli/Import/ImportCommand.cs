using System.CommandLine;
using System.Globalization;
using System.Text;
using DeviceLab.Cli.Api;
using DeviceLab.Core.Results.LlamaBench;

namespace DeviceLab.Cli.Import;

/// <summary><c>devicelab import llama-bench FILE --device D</c>: llama.cpp's benchmark results as results of a device.</summary>
public static class ImportCommand
{
    /// <summary>What the server answers (its LlamaBenchImportResult).</summary>
    public sealed record ImportedLlamaBench(
        long RunId, long RunJobId, long ResultId, long DeviceId, long VariantId, string Engine, IReadOnlyList<string> Tests,
        double? PrefillTokensPerSecond, double? DecodeTokensPerSecond);

    public static Command Create()
    {
        var command = new Command("import", "[server] Import results measured elsewhere, so they stand next to DeviceLab's own.");
        command.Subcommands.Add(CreateLlamaBench());
        return command;
    }

    private static Command CreateLlamaBench()
    {
        var api = new ApiOptions();
        var file = new Argument<FileInfo>("FILE") { Description = "The output of llama-bench -o json (or -o jsonl)." };
        var device = new Option<string>("--device") { Description = "The device that ran llama-bench: its id or adb serial (devicelab devices list).", Required = true, HelpName = "SERIAL|ID" };
        var variant = new Option<long?>("--variant") { Description = "The DeviceLab variant llama-bench ran (same model and quantization), by id.", HelpName = "ID" };
        var model = new Option<string?>("--model") { Description = "Or the DeviceLab model (name or id): its variant of the quantization in the file's model_type is used.", HelpName = "MODEL" };
        var threads = new Option<int?>("--threads") { Description = "Import only the tests with this n_threads (when the file has several).", HelpName = "N" };
        var prompt = new Option<int?>("--prompt-tokens") { Description = "Import only the prompt test with this n_prompt (when the file has several).", HelpName = "N" };
        var gen = new Option<int?>("--gen-tokens") { Description = "Import only the generation test with this n_gen (when the file has several).", HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Write what was stored as JSON." };
        var command = api.AddTo(new Command("llama-bench", """
            [server] Store llama.cpp llama-bench results from a phone where a team already runs llama.cpp as a result of a
            DeviceLab device, labelled with the engine "llama.cpp b<build> (<commit>)", so DeviceLab's engine and llama.cpp
            stand side by side. One prompt test (pp) and one generation test (tg) become one result: prefill tokens/s and
            decode tokens/s per repetition from samples_ts, decode ms/token from samples_ns. What llama-bench does not
            measure (time to first token, memory, energy) stays empty. The file is checked here first; a malformed file
            stores nothing.

            Examples:
              adb shell /data/local/tmp/llama-bench -m model-q4_0.gguf -p 128 -n 64 -o json > pixel8.json
              devicelab import llama-bench pixel8.json --device R58M123ABC --model smollm2-135m-instruct
              devicelab import llama-bench bench.jsonl --device 7 --variant 12 --threads 4

            Exit codes: 0 stored, 1 invalid command line or malformed file, 4 server problem (unreachable, API key refused,
            unknown device, model or variant, tests the server cannot tell apart).
            """)
        {
            file, device, variant, model, threads, prompt, gen, json,
        });
        command.SetAction((parse, cancellationToken) => ServerAction.RunAsync(parse, api, async (client, terminal) =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (!File.Exists(path)) throw new CliInputException($"There is no file {path}.");
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            IReadOnlyList<LlamaBenchTest> tests;
            try
            {
                tests = LlamaBenchJson.Parse(text);
            }
            catch (FormatException e)
            {
                throw new CliInputException($"{Path.GetFileName(path)} is not llama-bench output: {e.Message}");
            }
            if (parse.GetValue(variant) is null && parse.GetValue(model) is null)
                throw new CliInputException("Say which DeviceLab variant llama-bench ran: --variant ID, or --model NAME (its variant of the file's quantization).");

            var query = new List<string> { "device=" + Uri.EscapeDataString(parse.GetValue(device)!) };
            if (parse.GetValue(variant) is { } v) query.Add($"variantId={v}");
            if (parse.GetValue(model) is { } m) query.Add("model=" + Uri.EscapeDataString(m));
            if (parse.GetValue(threads) is { } t) query.Add($"threads={t}");
            if (parse.GetValue(prompt) is { } p) query.Add($"promptTokens={p}");
            if (parse.GetValue(gen) is { } g) query.Add($"generatedTokens={g}");
            var stored = await client.SendContentAsync<ImportedLlamaBench>(HttpMethod.Post, $"api/v1/results:import-llama-bench?{string.Join('&', query)}",
                new StringContent(text, Encoding.UTF8, "application/json"), cancellationToken);
            if (parse.GetValue(json)) terminal.WriteJson(stored);
            else
                terminal.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Stored {string.Join(" + ", stored.Tests)} of {tests[0].EngineLabel} as result {stored.ResultId} of device {stored.DeviceId}, variant {stored.VariantId} " +
                    $"(run {stored.RunId}): prefill {stored.PrefillTokensPerSecond?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-"} t/s, " +
                    $"decode {stored.DecodeTokensPerSecond?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-"} t/s."));
            return ApiExitCodes.Success;
        }));
        return command;
    }
}
