using System.Net;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Tests.Lab;

namespace DeviceLab.Server.Tests.Runs;

/// <summary>Cancelling a run from the API stops the agent on the device and ends the run as cancelled.</summary>
[Collection(LabCollection.Name)]
public sealed class RunCancellationTests(LabFixture lab)
{
    [Fact]
    public async Task Cancelling_a_running_run_stops_its_agent_and_keeps_what_it_measured_flagged_partial()
    {
        using var client = lab.CreateClient(DeviceLabRole.Operator);
        var created = await LabRuns.CreateRunAsync(client, [lab.Q4], ["lab-a"], LabRuns.Slow(repetitions: 6));
        var runId = created.GetProperty("id").GetInt64();
        var jobId = LabRuns.Jobs(created).Single().GetProperty("id").GetInt64();
        await LabJobs.RunningWithSamplesAsync(lab, jobId);
        var pid = LabJobs.AgentPid(lab.DeviceA, jobId, 1);

        using var cancel = await client.PostAsync($"/api/v1/runs/{runId}:cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var run = await LabRuns.WaitForEndAsync(client, runId, TimeSpan.FromSeconds(30));

        Assert.Equal("cancelled", run.GetProperty("status").GetString());
        var job = LabRuns.Jobs(run).Single();
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        var attempt = job.GetProperty("attempts")[0];
        Assert.Equal("cancelled", attempt.GetProperty("status").GetString());
        Assert.True(attempt.GetProperty("isPartial").GetBoolean());
        await Eventually.TrueAsync(() => Task.FromResult(!LabJobs.IsAlive(pid)), TimeSpan.FromSeconds(10), "the agent process ended");

        using var again = await client.PostAsync($"/api/v1/runs/{runId}:cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
