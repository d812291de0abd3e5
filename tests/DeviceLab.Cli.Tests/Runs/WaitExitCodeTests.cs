using System.Text.Json;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Runs;
using DeviceLab.Cli.Tests.Lab;
using DeviceLab.Core.Suites;

namespace DeviceLab.Cli.Tests.Runs;

/// <summary><c>runs wait</c> exits by how the run ended: 1 failed, 3 cancelled, 4 still going after --timeout (0 succeeded: WorkflowTests).</summary>
[Collection(LabCollection.Name)]
public sealed class WaitExitCodeTests(LabServer lab)
{
    [Fact]
    public async Task A_run_the_agent_refuses_fails_and_wait_exits_1_naming_the_error()
    {
        await lab.WaitForDevicesAsync();
        var model = await LabModels.UploadAndBuildAsync(lab, "cli-wait-failed", seed: 51);
        // 500 + 100 tokens do not fit the tiny model's 512-token context: the agent refuses on every device.
        await LabSuites.CreateAsync(lab, "cli-wait-failed", model, new SuiteParameters(500, 100, 1, 0, 1, LabSuites.NoWait));

        var run = await StartAsync("cli-wait-failed");
        var waited = await lab.CliAsync("runs", "wait", $"{run}", "--timeout", "300");

        Assert.True(waited.ExitCode == RunOutcome.Failed, waited.ToString());
        Assert.Contains($"Run {run} failed", waited.Output);
        Assert.Contains("do not fit the 512-token context", waited.Error);
    }

    [Fact]
    public async Task Wait_exits_4_while_the_run_goes_on_and_3_once_it_is_cancelled()
    {
        await lab.WaitForDevicesAsync();
        var model = await LabModels.UploadAndBuildAsync(lab, "cli-wait-cancelled", seed: 52);
        await LabSuites.CreateAsync(lab, "cli-wait-cancelled", model, new SuiteParameters(64, 400, 1, 0, 500, LabSuites.NoWait));
        var run = await StartAsync("cli-wait-cancelled");

        var impatient = await lab.CliAsync("runs", "wait", $"{run}", "--timeout", "2");
        Assert.True(impatient.ExitCode == RunOutcome.TimedOut, impatient.ToString());
        Assert.Contains($"Run {run} had not finished after 2 s", impatient.ErrorLine);

        var waiting = lab.CliAsync("runs", "wait", $"{run}", "--timeout", "300");
        var cancel = await lab.CliAsync("runs", "cancel", $"{run}");
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        var waited = await waiting;
        Assert.True(waited.ExitCode == RunOutcome.Cancelled, waited.ToString());
        Assert.Contains($"Run {run} cancelled", waited.Output);
    }

    private async Task<long> StartAsync(string suite)
    {
        var started = await lab.CliAsync("suites", "run", suite, "--json");
        Assert.True(started.ExitCode == 0, started.ToString());
        return JsonSerializer.Deserialize<RunInfo>(started.Output, ApiClient.Json)!.Id;
    }
}
