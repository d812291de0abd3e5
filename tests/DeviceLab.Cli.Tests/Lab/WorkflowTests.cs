extern alias server;
using System.Globalization;
using System.Text.Json;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Compare;
using DeviceLab.Cli.Runs;
using DeviceLab.Core.Regressions;
using DeviceLab.Core.Suites;
using Microsoft.EntityFrameworkCore;
using Regression = server::DeviceLab.Server.Regressions.Regression;

namespace DeviceLab.Cli.Tests.Lab;

/// <summary>
/// The CI story end to end with real parts: upload → build → suite run → wait → compare → export, the exports read back to
/// the same numbers, and the regression gate failing while a regression is open on the run's series.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class WorkflowTests(LabServer lab)
{
    [Fact]
    public async Task Upload_build_run_wait_compare_export_and_gate()
    {
        await lab.WaitForDevicesAsync();
        var model = await LabModels.UploadAndBuildAsync(lab, "cli-workflow", seed: 41);
        var suite = await LabSuites.CreateAsync(lab, "cli-workflow", model, new SuiteParameters(8, 8, 1, 0, 2, LabSuites.NoWait));

        var listed = await lab.CliAsync("suites", "list");
        Assert.Contains("cli-workflow", listed.Output);
        var started = await lab.CliAsync("suites", "run", "cli-workflow", "--json");
        Assert.True(started.ExitCode == 0, started.ToString());
        var runId = JsonSerializer.Deserialize<RunInfo>(started.Output, ApiClient.Json)!.Id;

        var waited = await lab.CliAsync("runs", "wait", $"{runId}", "--timeout", "300");
        Assert.True(waited.ExitCode == RunOutcome.Succeeded, waited.ToString());
        Assert.Contains($"Run {runId} succeeded", waited.Output);
        Assert.All(lab.Devices, d => Assert.Contains($"{d.Serial} (Virtual Device, virtual): succeeded, 6/6 repetitions", waited.Error));

        var shown = await lab.CliAsync("runs", "show", $"{runId}", "--json");
        using var document = JsonDocument.Parse(shown.Output);
        var results = document.RootElement.GetProperty("results").Deserialize<List<ResultInfo>>(ApiClient.Json)!;
        Assert.Equal(6, results.Count); // 3 variants × 2 devices
        Assert.Equal(lab.Devices.Select(d => d.Serial).Order(), results.Select(r => r.DeviceSerial).Distinct().Order());
        Assert.All(results, r => Assert.Equal(2, r.DecodeTokensPerSecond!.Value.Count));
        // The virtual device's procfs takes the clear_refs reset, so every peak is the kernel's own high-water mark.
        Assert.All(results, r => Assert.Equal(Core.AgentProtocol.PeakMemoryMethods.HighWaterMarkReset, r.PeakMemoryMethod));
        var shownTable = await lab.CliAsync("runs", "show", $"{runId}");
        Assert.Contains("[VmHWM]", shownTable.Output);
        Assert.Contains("peak MB: [VmHWM] the kernel's high-water mark", shownTable.Output);

        var compareTable = await lab.CliAsync("compare", "--model", "cli-workflow", "--run", $"{runId}");
        Assert.True(compareTable.ExitCode == 0, compareTable.ToString());
        Assert.Contains("decode t/s", compareTable.Output);
        Assert.Contains("virtual", compareTable.Output);
        var compareJson = await lab.CliAsync("compare", "--model", "cli-workflow", "--run", $"{runId}", "--variants", "q8_0,q4_0", "--json");
        var rows = JsonSerializer.Deserialize<List<CompareRowInfo>>(compareJson.Output, ApiClient.Json)!;
        Assert.Equal(["Q8_0", "Q4_0"], rows.Select(r => r.QuantType.ToString().ToUpperInvariant()).Order(StringComparer.Ordinal).Reverse());
        Assert.All(rows, r => Assert.Equal((2, 2), (r.Results, r.Devices)));
        Assert.All(rows, r => Assert.Equal(4, r.Metrics["decode_tokens_per_second"].N)); // 2 repetitions on each of 2 devices

        await ExportsReadBackAsync(runId, results);
        await GateFailsWhileARegressionIsOpenAsync(runId, suite.Id, model, results);
    }

    private async Task ExportsReadBackAsync(long runId, IReadOnlyList<ResultInfo> results)
    {
        var csvFile = lab.Scratch.Combine($"run{runId}.csv");
        var csv = await lab.CliAsync("export", $"{runId}", "--format", "csv", "--output", csvFile);
        Assert.True(csv.ExitCode == 0, csv.ToString());
        var lines = File.ReadAllLines(csvFile);
        var header = lines[0].Split(',');
        Assert.Equal(results.Count, lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            string Cell(string column) => cells[Array.IndexOf(header, column)].Trim('"');
            var result = results.Single(r => r.Id == long.Parse(Cell("result_id"), CultureInfo.InvariantCulture));
            Assert.Equal(result.DecodeTokensPerSecond!.Value.Mean, double.Parse(Cell("decode_tokens_per_second_mean"), CultureInfo.InvariantCulture));
            Assert.Equal(result.DecodeMsPerToken!.Value.P90, double.Parse(Cell("decode_ms_per_token_p90"), CultureInfo.InvariantCulture));
            Assert.Equal(result.PrefillTokensPerSecond!.Value.StdDev, double.Parse(Cell("prefill_tokens_per_second_std_dev"), CultureInfo.InvariantCulture));
            Assert.Equal(result.DeviceSerial, Cell("device_serial"));
        }

        var json = await lab.CliAsync("export", $"{runId}", "--format", "json");
        var exported = JsonSerializer.Deserialize<List<ResultInfo>>(json.Output, ApiClient.Json)!;
        Assert.Equal(results.Select(r => (r.Id, r.DecodeTokensPerSecond, r.DecodeMsPerToken, r.PrefillTokensPerSecond, r.TimeToFirstTokenMs)),
            exported.Select(r => (r.Id, r.DecodeTokensPerSecond, r.DecodeMsPerToken, r.PrefillTokensPerSecond, r.TimeToFirstTokenMs)));

        var llamaBench = await lab.CliAsync("export", $"{runId}", "--format", "llama-bench");
        using var tests = JsonDocument.Parse(llamaBench.Output);
        var generation = tests.RootElement.EnumerateArray().Where(t => t.GetProperty("n_gen").GetInt32() > 0).ToList();
        Assert.Equal(results.Count, generation.Count);
        Assert.All(generation, t =>
        {
            Assert.Equal(8, t.GetProperty("n_gen").GetInt32());
            Assert.Equal(2, t.GetProperty("samples_ts").GetArrayLength());
            Assert.True(t.GetProperty("avg_ts").GetDouble() > 0);
            Assert.False(string.IsNullOrEmpty(t.GetProperty("build_commit").GetString()));
        });
    }

    private async Task GateFailsWhileARegressionIsOpenAsync(long runId, long suiteId, Cli.Models.ModelInfo model, IReadOnlyList<ResultInfo> results)
    {
        // Detection follows this run (the lab counts API-triggered runs, DeviceLab:Regressions:Triggers); wait for its verdict.
        var judged = await lab.CliAsync("regressions", "gate", "--run", $"{runId}", "--wait", "60");
        Assert.True(judged.ExitCode == 0, judged.ToString());
        Assert.StartsWith("PASSED", judged.Output);

        // A regression opened on a series the run measured, as nightly detection would after a slow night.
        var q4 = results.First(r => r.QuantType == Core.Models.QuantType.Q4_0);
        await using (var db = lab.CreateDbContext())
        {
            db.Regressions.Add(new Regression
            {
                SuiteId = suiteId, DeviceModel = q4.DeviceModel!, ModelId = model.Id, VariantId = q4.VariantId, Metric = "decode_tokens_per_second",
                Unit = "tokens/s", FirstBadRunId = runId, FirstBadAt = DateTimeOffset.UtcNow, FirstBadNight = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
                LastGoodNight = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)), Magnitude = -0.2, MeanBefore = 100, MeanAfter = 80,
                StdDevBefore = 2, StdDevAfter = 2, Direction = RegressionDirection.Regression, Status = RegressionStatus.Open,
                TriageState = TriageState.Untriaged, NightsBefore = 5, NightsAfter = 2, MeasuredOnVirtualDevices = true,
                OpenedByRunId = runId, OpenedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        var failed = await lab.CliAsync("regressions", "gate", "--run", $"{runId}");
        Assert.True(failed.ExitCode == 2, failed.ToString());
        Assert.StartsWith("FAILED", failed.Output);
        var listed = await lab.CliAsync("regressions", "list", "--suite", "cli-workflow", "--status", "open");
        Assert.Contains("decode_tokens_per_second", listed.Output);
        await using (var db = lab.CreateDbContext()) await db.Regressions.Where(r => r.SuiteId == suiteId).ExecuteDeleteAsync();
    }
}
