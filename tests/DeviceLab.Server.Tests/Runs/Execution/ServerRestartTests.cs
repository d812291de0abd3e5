using DeviceLab.Server.Auth;
using DeviceLab.Server.Tests.Lab;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Runs.Execution;

/// <summary>The server stops mid-run and a new one starts on the same database: Hangfire delivers the job again, it resumes
/// with a new attempt, and nothing is stored twice.</summary>
[Collection(LabCollection.Name)]
public sealed class ServerRestartTests(LabFixture lab)
{
    [Fact]
    public async Task A_server_restarted_mid_run_resumes_the_job_and_the_run_finishes_without_duplicate_results()
    {
        long runId, jobId;
        using (var client = lab.CreateClient(DeviceLabRole.Operator))
        {
            var created = await LabRuns.CreateRunAsync(client, [lab.Q8, lab.Q4], ["lab-b"], LabRuns.Slow(repetitions: 3));
            runId = created.GetProperty("id").GetInt64();
            jobId = LabRuns.Jobs(created).Single().GetProperty("id").GetInt64();
        }
        await LabJobs.RunningWithSamplesAsync(lab, jobId);
        var pid = LabJobs.AgentPid(lab.DeviceB, jobId, 1);

        await lab.StopServerAsync();
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(!LabJobs.IsAlive(pid)), TimeSpan.FromSeconds(10), "stopping the server stops the agent on the device");
        }
        finally
        {
            lab.StartServer();
        }

        using var restarted = lab.CreateClient(DeviceLabRole.Operator);
        var run = await LabRuns.WaitForEndAsync(restarted, runId, TimeSpan.FromSeconds(90));

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        var attempts = LabRuns.Jobs(run).Single().GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal("interrupted", attempts[0].GetProperty("status").GetString());
        Assert.Equal("interrupted", attempts[0].GetProperty("errorCode").GetString());
        Assert.True(attempts[0].GetProperty("isPartial").GetBoolean());
        Assert.Equal("succeeded", attempts[1].GetProperty("status").GetString());

        await using var db = lab.CreateDbContext();
        var results = await db.Results.AsNoTracking().Where(r => r.RunJobId == jobId).ToListAsync();
        Assert.Equal(2, results.Count); // one per variant, from the attempt that finished
        Assert.All(results, r => Assert.Equal(2, r.Attempt));
        Assert.Equal(2 * 3 * 8, await db.TokenTimings.CountAsync(t => t.RunJobId == jobId && t.Attempt == 2));
        Assert.Equal(0, await db.Results.CountAsync(r => r.RunJobId == jobId && r.Attempt == 1));
    }
}
