using System.CommandLine;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Terminal;
using DeviceLab.Core.Models;

namespace DeviceLab.Cli.Models.Build;

/// <summary><c>devicelab models build MODEL --quant q8_0,q4_0</c>: asks the server for variants and waits for them.</summary>
public static class BuildCommand
{
    public const int BuildFailed = 2;
    public const int TimedOut = 3;

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var api = new ApiOptions();
        var model = new Argument<string>("MODEL") { Description = "The model on the server: its name or id." };
        var quant = new Option<string>("--quant", "-q")
        {
            Description = "Comma-separated quantizations to build: f32, f16, q8_0, q4_0.",
            HelpName = "LIST",
            DefaultValueFactory = _ => "q8_0,q4_0",
        };
        var noWait = new Option<bool>("--no-wait") { Description = "Ask for the builds and return at once (exit 0) without waiting for them." };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Longest wait for the builds, seconds.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 1800,
        };
        var json = new Option<bool>("--json") { Description = "Write the model with its variants as JSON (the API's shape) at the end." };
        var command = api.AddTo(new Command("build", """
            [server] Build quantized variants of a model on the server (from its F32/F16 upload) and wait until they are ready,
            with a progress line per variant. Variants that exist already are kept; failed ones are built again.

            Examples:
              devicelab models build smollm-135m --quant q8_0,q4_0
              devicelab models build 3 -q q4_0 --no-wait

            Exit codes: 0 every variant ready (or --no-wait), 1 invalid command line, 2 a build failed (the message says why),
            3 not ready within --timeout, 4 server problem (unreachable, API key refused, unknown model, not an F16/F32 model).
            """)
        {
            model, quant, noWait, timeout, json,
        });
        command.SetAction((parse, cancellationToken) => ServerAction.RunAsync(parse, api, async (client, terminal) =>
        {
            var quants = ParseQuants(parse.GetValue(quant)!);
            var found = await client.FindModelAsync(parse.GetValue(model)!, cancellationToken);
            var requested = await client.BuildVariantsAsync(found.Id, quants, cancellationToken);
            if (parse.GetValue(noWait))
            {
                if (parse.GetValue(json)) terminal.WriteJson(await client.GetModelAsync(found.Id, cancellationToken));
                else terminal.Output.WriteLine($"Asked for {string.Join(", ", requested.Select(v => v.QuantName))} of {found.Name}; not waiting.");
                return ApiExitCodes.Success;
            }
            var (final, exitCode) = await WaitAsync(client, terminal, found.Id, requested.Select(v => v.Id).ToList(),
                TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken);
            if (parse.GetValue(json)) terminal.WriteJson(final);
            else ModelText.Write(terminal, final);
            return exitCode;
        }));
        return command;
    }

    /// <exception cref="CliInputException">A name that is not a quantization.</exception>
    internal static IReadOnlyList<string> ParseQuants(string list)
    {
        var quants = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(q => q.ToLowerInvariant()).Distinct().ToList();
        if (quants.Count == 0) throw new CliInputException("--quant needs at least one quantization, e.g. q8_0,q4_0.");
        if (quants.FirstOrDefault(q => q is not ("f32" or "f16" or "q8_0" or "q4_0")) is { } bad)
            throw new CliInputException($"--quant: '{bad}' is not a quantization DeviceLab builds; use f32, f16, q8_0 or q4_0.");
        return quants;
    }

    /// <summary>Polls the model until the variants <paramref name="variantIds"/> are ready or failed, with a line each.</summary>
    /// <returns>The model at the end and the exit code (0, <see cref="BuildFailed"/> or <see cref="TimedOut"/>).</returns>
    internal static Task<(ModelInfo Model, int ExitCode)> WaitAsync(
        ApiClient client, CommandTerminal terminal, long modelId, IReadOnlyList<long> variantIds, TimeSpan timeout, CancellationToken cancellationToken) =>
        ProgressBoard.RunAsync(terminal, bytes: false, async board =>
        {
            var deadline = DateTimeOffset.UtcNow + timeout;
            var lines = new Dictionary<long, ProgressLine>();
            while (true)
            {
                var model = await client.GetModelAsync(modelId, cancellationToken);
                var variants = model.Variants.Where(v => variantIds.Contains(v.Id)).ToList();
                foreach (var variant in variants)
                {
                    if (!lines.TryGetValue(variant.Id, out var line)) lines[variant.Id] = line = board.Add($"{model.Name} {variant.QuantName}: pending", 2);
                    switch (variant.BuildStatus)
                    {
                        case VariantBuildStatus.Ready:
                            line.Finish($"{model.Name} {variant.QuantName}: ready ({variant.SizeBytes / 1e6:0.0} MB)");
                            break;
                        case VariantBuildStatus.Failed:
                            line.Finish($"{model.Name} {variant.QuantName}: FAILED: {variant.BuildError}");
                            break;
                        default:
                            line.Update(variant.BuildStatus == VariantBuildStatus.Building ? 1 : 0,
                                $"{model.Name} {variant.QuantName}: {variant.BuildStatus.ToString().ToLowerInvariant()}");
                            break;
                    }
                }
                if (variants.All(v => v.BuildStatus is VariantBuildStatus.Ready or VariantBuildStatus.Failed))
                {
                    var failed = variants.Where(v => v.BuildStatus == VariantBuildStatus.Failed).ToList();
                    foreach (var variant in failed) terminal.Fail($"building {model.Name} {variant.QuantName} failed: {variant.BuildError}");
                    return (model, failed.Count == 0 ? ApiExitCodes.Success : BuildFailed);
                }
                if (DateTimeOffset.UtcNow + PollInterval > deadline)
                {
                    terminal.Fail($"The variants of {model.Name} were not ready within {timeout.TotalSeconds:0} s; they keep building on the server.");
                    return (model, TimedOut);
                }
                await Task.Delay(PollInterval, cancellationToken);
            }
        });
}
