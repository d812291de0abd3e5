using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Cli;
using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Reports;
using DeviceLab.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Regressions;

/// <summary>
/// <c>devicelab regressions list / gate</c> run in-process against the server over real loopback TCP (Kestrel), with
/// real API keys: the CI story end to end, and one clear line for every way asking can fail.
/// </summary>
[Collection(RegressionServerCollection.Name)]
public sealed class RegressionCliTests(RegressionServer server)
{
    [Fact]
    public async Task Gate_exits_2_for_a_run_with_open_regressions_and_0_once_they_are_accepted()
    {
        var seeded = await server.SeedAndDetectAsync("cli-gate");
        var key = server.ApiKeyOf(DeviceLabRole.Viewer);

        var failed = await RunAsync("regressions", "gate", "--run", $"{seeded.RunIds[^1]}", "--server", server.Address.ToString(), "--api-key", key);
        Assert.Equal(2, failed.ExitCode);
        Assert.StartsWith($"FAILED: run {seeded.RunIds[^1]} (suite ", failed.Output);
        Assert.Contains("Open regression", failed.Output);
        Assert.Contains("decode_tokens_per_second", failed.Output);

        var json = await RunAsync("regressions", "gate", "--run", $"{seeded.RunIds[^1]}", "--json", "--server", server.Address.ToString(), "--api-key", key);
        Assert.Equal(2, json.ExitCode);
        var report = JsonSerializer.Deserialize<RunGateReport>(json.Output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.False(report.Passed);

        using var operatorClient = server.CreateClient(DeviceLabRole.Operator);
        foreach (var regression in report.OpenRegressions)
            (await operatorClient.PatchAsJsonAsync($"/api/v1/regressions/{regression.Id}/triage", TriageRequest.For(TriageState.Invalid, "test data"))).EnsureSuccessStatusCode();
        var passed = await RunAsync("regressions", "gate", "--run", $"{seeded.RunIds[^1]}", "--server", server.Address.ToString(), "--api-key", key);
        Assert.Equal(0, passed.ExitCode);
        Assert.StartsWith("PASSED", passed.Output);
    }

    [Fact]
    public async Task Gate_exits_3_while_the_run_has_no_verdict_and_list_prints_a_table_or_json()
    {
        var seeded = await server.SeedAsync("cli-list");
        var key = server.ApiKeyOf(DeviceLabRole.Viewer);
        var pending = await RunAsync("regressions", "gate", "--run", $"{seeded.RunIds[^1]}", "--server", server.Address.ToString(), "--api-key", key);
        Assert.Equal(3, pending.ExitCode);
        Assert.StartsWith("NO VERDICT YET", pending.Output);

        await server.DetectAsync(seeded.RunIds[^1]);
        string suite;
        await using (var db = server.CreateDbContext()) suite = await db.Suites.Where(s => s.Id == seeded.SuiteId).Select(s => s.Name).SingleAsync();
        Environment.SetEnvironmentVariable("DEVICELAB_API_KEY", key); // the variable CI would set
        try
        {
            var table = await RunAsync("regressions", "list", "--suite", suite, "--status", "open", "--server", server.Address.ToString());
            Assert.Equal(0, table.ExitCode);
            var lines = table.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("id", lines[0]);
            Assert.Equal(1, lines.Count(l => l.Contains("Pixel 8") && l.Contains("Q4_0") && l.Contains("worse") && l.Contains("untriaged")));
            Assert.Equal("1 in all.", lines[^1].Trim());

            var json = await RunAsync("regressions", "list", "--suite", suite, "--metric", "decode_ms_per_token", "--json", "--server", server.Address.ToString());
            var list = JsonSerializer.Deserialize<RegressionList>(json.Output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            var decode = Assert.Single(list.Items); // the mirror metric finds the canonical one's regression (ADR 0105)
            Assert.Equal("decode_tokens_per_second", decode.Metric);
            Assert.Equal(["decode_ms_per_token"], decode.MirrorMetrics);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DEVICELAB_API_KEY", null);
        }
    }

    [Fact]
    public async Task Every_way_asking_fails_is_one_line_and_exit_code_4()
    {
        var address = server.Address.ToString();
        var viewerKey = server.ApiKeyOf(DeviceLabRole.Viewer);

        await ExpectAsync("needs an API key (401): pass --api-key or set DEVICELAB_API_KEY.", "regressions", "gate", "--run", "1", "--server", address);
        await ExpectAsync("refused the API key (401)", "regressions", "list", "--server", address, "--api-key", "dl_not-a-real-key");
        await ExpectAsync("Not found (404): No such run: There is no run with id 987654.", "regressions", "gate", "--run", "987654", "--server", address, "--api-key", viewerKey);
        await ExpectAsync("'opened' is not a status; use one of open, closed", "regressions", "list", "--status", "opened", "--server", address, "--api-key", viewerKey);
        await ExpectAsync($"Cannot reach the DeviceLab server at http://127.0.0.1:{server.DeadPort}/ (connection refused: is the server running?)",
            "regressions", "gate", "--run", "1", "--server", $"http://127.0.0.1:{server.DeadPort}", "--api-key", viewerKey);
        await ExpectAsync("The server address 'ftp://example' (--server) is not an http:// or https:// URL.", "regressions", "list", "--server", "ftp://example");
    }

    [Fact]
    public async Task A_command_line_the_gate_cannot_use_is_exit_code_1()
    {
        var noRun = await RunAsync("regressions", "gate", "--server", server.Address.ToString());
        Assert.Equal(1, noRun.ExitCode);
        Assert.Contains("--run", noRun.Error);
        var negativeWait = await RunAsync("regressions", "gate", "--run", "1", "--wait", "-5");
        Assert.Equal(1, negativeWait.ExitCode);
        Assert.Contains("--wait is seconds from 0 to 86400, got -5.", negativeWait.Error);
    }

    private async Task ExpectAsync(string message, params string[] args)
    {
        var run = await RunAsync(args);
        Assert.Equal(4, run.ExitCode);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(message, line);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CliApplication.BuildRootCommand().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
