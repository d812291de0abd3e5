using System.Globalization;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Catalog;
using DeviceLab.Cli.Compare;
using DeviceLab.Cli.Devices;
using DeviceLab.Cli.Models;
using DeviceLab.Cli.Runs;
using DeviceLab.Cli.Suites;
using DeviceLab.Cli.Terminal;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Models;
using DeviceLab.Core.Runs;

namespace DeviceLab.Cli.Demo;

/// <summary>
/// What the demo does once its server is up, all through the public API like any client: waits for the virtual devices,
/// puts the catalog's synthetic model on the server with its Q8_0 / Q4_0 variants, creates (or updates) the nightly suite,
/// then runs it — <c>--seed-history</c> times first, each a real run — and shows the run's progress and results.
/// Everything it finds already there (same model file by sha256, same suite by name) is reused.
/// </summary>
internal sealed class DemoScenario(ApiClient client, CommandTerminal terminal, DemoOptions options)
{
    public const string CatalogEntry = "smollm-135m-synthetic";

    private static readonly TimeSpan DevicesTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Prepares model and suite; returns the suite.</summary>
    public async Task<SuiteInfo> PrepareAsync(IReadOnlyList<string> serials, CancellationToken cancellationToken)
    {
        await WaitForDevicesAsync(serials, cancellationToken);
        var entry = ModelCatalog.Load(ModelCatalog.Locate(options.CatalogFolder)).Find(CatalogEntry);
        using var http = new HttpClient();
        var file = await CatalogModelFile.ObtainAsync(entry, Path.Combine(options.DataFolder, "models"), terminal, http, cancellationToken);
        var (model, buildExit) = await CatalogInstall.InstallAsync(client, terminal, entry, file, BuildTimeout, cancellationToken);
        if (buildExit != ApiExitCodes.Success) throw new DemoException($"The variants of {model.Name} could not be built (see above).");
        model = await client.GetModelAsync(model.Id, cancellationToken);
        var variants = model.Variants.Where(v => v.BuildStatus == VariantBuildStatus.Ready && v.QuantType is QuantType.F16 or QuantType.Q8_0 or QuantType.Q4_0)
            .OrderBy(v => v.QuantType).ToList();
        terminal.Output.WriteLine($"Model {model.Name} (id {model.Id}): {string.Join(", ", variants.Select(v => $"{v.QuantName} {v.SizeBytes / 1e6:0.0} MB"))}");

        var ids = variants.Select(v => v.Id).ToList();
        var suites = await client.ListSuitesAsync(cancellationToken);
        var suite = suites.FirstOrDefault(s => s.Name == DemoSuite.Name);
        if (suite is null) suite = await client.CreateSuiteAsync(DemoSuite.Input(ids), cancellationToken);
        else if (!DemoSuite.Matches(suite, ids)) suite = await client.ReplaceSuiteAsync(suite.Id, DemoSuite.Input(ids), cancellationToken);
        var p = suite.Parameters;
        terminal.Output.WriteLine(
            $"Suite {suite.Name} (id {suite.Id}): {variants.Count} variants × the virtual devices, {p.PromptTokens} prompt / {p.GeneratedTokens} generated tokens, " +
            $"{p.Warmups} warm-up + {p.Repetitions} repetitions, {p.Threads} thread; schedule '{suite.Cron}' (UTC), next {suite.NextRunAt:yyyy-MM-dd HH:mm}");
        return suite;
    }

    /// <summary>Runs the suite once and follows it to the end.</summary>
    /// <param name="firstResult">Measures when the run's first result is stored, when given.</param>
    public async Task<RunInfo> RunAsync(SuiteInfo suite, string label, CancellationToken cancellationToken, FirstResultClock? firstResult = null)
    {
        var run = await client.TriggerSuiteAsync(suite.Id, cancellationToken);
        terminal.Output.WriteLine($"{label}: run {run.Id} started ({run.Tally.Total} device jobs). Live: {options.Url.TrimEnd('/')}/runs/{run.Id}");
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var firstResultWatch = firstResult?.WatchAsync(run.Id, watching.Token) ?? Task.CompletedTask;
        var final = await new RunWatch(client, terminal).WaitAsync(run.Id, options.RunTimeout, cancellationToken);
        await watching.CancelAsync();
        await firstResultWatch;
        if (firstResult is not null) await firstResult.SettleAsync(run.Id, cancellationToken);
        var took = (final.FinishedAt ?? DateTimeOffset.UtcNow) - (final.StartedAt ?? final.CreatedAt);
        terminal.Output.WriteLine($"{label}: run {final.Id} {RunWatch.Word(final.Status)} in {took.TotalSeconds:0} s " +
                                  $"({final.Tally.Succeeded} of {final.Tally.Total} jobs succeeded).");
        return final;
    }

    /// <summary>The run's results and the model's comparison table.</summary>
    public async Task ShowResultsAsync(RunInfo run, CancellationToken cancellationToken)
    {
        var results = await client.ListResultsAsync(run.Id, cancellationToken);
        ShowCommand.Write(terminal, run, results);
        if (results.Count == 0) return;
        var rows = await client.CompareAsync(new CompareFilter(results[0].ModelId, [], [], RunId: run.Id), cancellationToken);
        CompareCommand.Write(terminal, results[0].ModelName, rows, ["decode_tokens_per_second", "decode_ms_per_token", "prefill_tokens_per_second", "time_to_first_token_ms", "peak_memory_bytes"]);
    }

    private async Task WaitForDevicesAsync(IReadOnlyList<string> serials, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + DevicesTimeout;
        while (true)
        {
            var devices = await client.ListDevicesAsync(cancellationToken);
            var ours = serials.Select(s => devices.FirstOrDefault(d => d.Serial == s)).ToList();
            if (ours.All(d => d is { State: DeviceState.Online or DeviceState.Busy, Model: not null }))
            {
                foreach (var d in ours)
                    terminal.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Device {d!.Serial}: {d.Manufacturer} {d.Model} [virtual], {d.Abi}, {d.CpuCores} core(s) visible, {d.State.ToString().ToLowerInvariant()}"));
                return;
            }
            if (DateTimeOffset.UtcNow > deadline)
                throw new DemoException(
                    $"The server did not see the virtual devices online within {DevicesTimeout.TotalSeconds:0} s " +
                    $"({string.Join(", ", serials.Select((s, i) => $"{s}: {ours[i]?.State.ToString().ToLowerInvariant() ?? "not found"}"))}); see the server log.");
            await Task.Delay(500, cancellationToken);
        }
    }
}

/// <summary>The demo's settings.</summary>
/// <param name="RunTimeout">Longest wait for one run.</param>
internal sealed record DemoOptions(string Url, string DataFolder, string? CatalogFolder, int SeedHistory, TimeSpan RunTimeout);
