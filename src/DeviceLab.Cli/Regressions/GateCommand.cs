using System.CommandLine;
using System.Text.Json;
using DeviceLab.Cli.Api;
using DeviceLab.Core.Regressions.Reports;

namespace DeviceLab.Cli.Regressions;

/// <summary>
/// <c>devicelab regressions gate --run ID</c>: the CI gate. Exit codes: 0 passed; 1 invalid command line;
/// 2 failed (open untriaged/acknowledged regressions on the run's series, or the run's night failed the per-run gate);
/// 3 no verdict (run unfinished or not processed yet — see <c>--wait</c> — or a run detection does not follow);
/// 4 the server could not be asked (unreachable, API key refused, no such run, server error).
/// </summary>
public static class GateCommand
{
    public const int Passed = ApiExitCodes.Success;
    public const int Failed = 2;
    public const int NoVerdict = 3;

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var api = new ApiOptions();
        var run = new Option<long>("--run") { Description = "The run to judge (its id).", Required = true };
        var wait = new Option<double>("--wait")
        {
            Description = "Wait up to this many seconds for the run to finish and be processed (default 0: answer at once).",
            DefaultValueFactory = _ => 0,
        };
        wait.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var seconds && !(seconds >= 0 && seconds <= 86_400))
                result.AddError($"--wait is seconds from 0 to 86400, got {seconds}.");
        });
        var json = new Option<bool>("--json") { Description = "Write the API's JSON answer instead of text (the exit code is the same)." };

        var command = api.AddTo(new Command("gate",
            "Exit non-zero when a run has open regressions on its series or failed the per-run gate (for CI). " +
            "Exit codes: 0 passed, 1 invalid command line, 2 failed, 3 no verdict yet, 4 server problem.")
        {
            run, wait, json,
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                using var client = api.CreateClient(parseResult);
                var report = await WaitForVerdictAsync(client, parseResult.GetValue(run), TimeSpan.FromSeconds(parseResult.GetValue(wait)), cancellationToken);
                if (parseResult.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(ApiClient.Json) { WriteIndented = true }));
                else WriteText(report, output);
                return ExitCodeOf(report);
            }
            catch (ApiException e)
            {
                error.WriteLine($"error: {e.Message}");
                return ApiExitCodes.ServerProblem;
            }
        });
        return command;
    }

    public static int ExitCodeOf(RunGateReport report) => report.State switch
    {
        GateState.Judged => report.Passed ? Passed : Failed,
        _ => NoVerdict,
    };

    private static async Task<RunGateReport> WaitForVerdictAsync(ApiClient client, long runId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            var report = await client.GetRunGateAsync(runId, cancellationToken);
            if (report.State != GateState.Pending || DateTimeOffset.UtcNow + PollInterval > deadline) return report;
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static void WriteText(RunGateReport report, TextWriter output)
    {
        var verdict = report.State switch
        {
            GateState.Judged => report.Passed ? "PASSED" : "FAILED",
            GateState.Pending => "NO VERDICT YET",
            _ => "NOT TRACKED",
        };
        var where = string.Join(", ", new[] { report.Suite is null ? null : $"suite {report.Suite}", report.Night is { } night ? $"night {night:yyyy-MM-dd}" : null }
            .Where(part => part is not null));
        output.WriteLine($"{verdict}: run {report.RunId}{(where.Length == 0 ? "" : $" ({where})")}");
        foreach (var reason in report.Reasons) output.WriteLine($"  {reason}");
    }
}
