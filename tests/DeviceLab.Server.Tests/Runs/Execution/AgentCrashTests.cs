using System.Diagnostics;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Tests.Lab;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Runs.Execution;

/// <summary>The agent dies mid-run while the device stays: the attempt fails with agent_crashed and the job is retried.</summary>
[Collection(LabCollection.Name)]
public sealed class AgentCrashTests(LabFixture lab)
{
    [Fact]
    public async Task An_agent_killed_mid_run_fails_its_attempt_with_agent_crashed_and_the_job_is_retried()
    {
        using var client = lab.CreateClient(DeviceLabRole.Operator);
        var created = await LabRuns.CreateRunAsync(client, [lab.Q4], ["lab-a"], LabRuns.Slow());
        var runId = created.GetProperty("id").GetInt64();
        var jobId = LabRuns.Jobs(created).Single().GetProperty("id").GetInt64();
        await LabJobs.RunningWithSamplesAsync(lab, jobId);

        var pid = LabJobs.AgentPid(lab.DeviceA, jobId, 1);
        Assert.Contains("devicelab-agent", File.ReadAllText($"/proc/{pid}/cmdline"));
        Process.GetProcessById(pid).Kill();
        var run = await LabRuns.WaitForEndAsync(client, runId, TimeSpan.FromSeconds(90));

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        var attempts = LabRuns.Jobs(run).Single().GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal("failed", attempts[0].GetProperty("status").GetString());
        Assert.Equal("agent_crashed", attempts[0].GetProperty("errorCode").GetString());
        Assert.Contains("signal 9", attempts[0].GetProperty("errorMessage").GetString());
        Assert.Equal(137, attempts[0].GetProperty("agentExitCode").GetInt32());
        Assert.True(attempts[0].GetProperty("isPartial").GetBoolean());
        // The pool is this one device, which is still fine: the retry runs there.
        Assert.Equal("succeeded", attempts[1].GetProperty("status").GetString());
        Assert.Equal(lab.DeviceAId, attempts[1].GetProperty("deviceId").GetInt64());
        await using var db = lab.CreateDbContext();
        Assert.True(await db.TelemetrySamples.AnyAsync(s => s.RunJobId == jobId && s.Attempt == 1));
        Assert.Equal(4 * 8, await db.TokenTimings.CountAsync(t => t.RunJobId == jobId && t.Attempt == 2));
    }
}
