using System.Text;
using DeviceLab.Core.Models;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using DeviceLab.Server.Tests.Lab;
using DeviceLab.Server.Tests.Runs.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Runs.Execution;

/// <summary>
/// An agent build that writes a bad event mid-run (a broken build, a corrupted stream): the job fails with
/// malformed_events naming the line and field, the agent is stopped, what came before stays (partial), and nothing of
/// the bad line is stored. The broken agent is a shell script registered as the newest x86_64 build for this test only.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class MalformedAgentOutputTests(LabFixture lab)
{
    [Fact]
    public async Task An_agent_that_writes_a_malformed_event_fails_its_job_with_a_clear_error_and_nothing_half_written()
    {
        string sha;
        await using (var db = lab.CreateDbContext())
            sha = (await db.Variants.AsNoTracking().SingleAsync(v => v.Id == lab.Q4)).Sha256!;
        var label = Server.Runs.Execution.AttemptPlanner.Label(lab.Q4, QuantType.Q4_0);
        var lines = new AgentLines(label, sha);
        var badToken = $$"""{"type":"token","v":1,"seq":3,"t_ms":6,"variant":"{{label}}","repetition":0,"index":-1,"ms":1.5}""";
        var script = $"""
            #!/bin/sh
            # A broken agent for a test: a valid start, then an event that is not valid, then it keeps running.
            echo '{lines.Hello()}'
            echo '{lines.Sample(5, 4100)}'
            echo '{badToken}'
            sleep 60
            """;
        var buildId = await RegisterBrokenAgentAsync(script.ReplaceLineEndings("\n") + "\n");
        try
        {
            using var client = lab.CreateClient(DeviceLabRole.Operator);
            var created = await LabRuns.CreateRunAsync(client, [lab.Q4], ["lab-a"], LabRuns.Quick);
            var run = await LabRuns.WaitForEndAsync(client, created.GetProperty("id").GetInt64(), TimeSpan.FromSeconds(60));

            Assert.Equal("failed", run.GetProperty("status").GetString());
            var job = LabRuns.Jobs(run).Single();
            Assert.Equal("malformed_events", job.GetProperty("errorCode").GetString());
            Assert.Contains("line 3, field 'index': must be ≥ 0, was -1", job.GetProperty("errorMessage").GetString());
            var attempts = job.GetProperty("attempts").EnumerateArray().ToList();
            Assert.Single(attempts); // an agent that writes garbage is not retried
            Assert.True(attempts[0].GetProperty("isPartial").GetBoolean());

            var jobId = job.GetProperty("id").GetInt64();
            await using var db = lab.CreateDbContext();
            Assert.Equal(1, await db.TelemetrySamples.CountAsync(s => s.RunJobId == jobId));
            Assert.Equal(0, await db.TokenTimings.CountAsync(t => t.RunJobId == jobId));
            Assert.Equal(0, await db.Results.CountAsync(r => r.RunJobId == jobId));
            var pid = LabJobs.AgentPid(lab.DeviceA, jobId, 1);
            await Eventually.TrueAsync(() => Task.FromResult(!LabJobs.IsAlive(pid)), TimeSpan.FromSeconds(10), "the broken agent was stopped");
        }
        finally
        {
            await using var db = lab.CreateDbContext();
            await db.AgentBuilds.Where(b => b.Id == buildId).ExecuteDeleteAsync();
        }
    }

    private async Task<long> RegisterBrokenAgentAsync(string script)
    {
        var store = lab.Factory.Services.GetRequiredService<ArtifactStore>();
        await using var db = lab.CreateDbContext();
        using var staged = await store.StageAsync(new MemoryStream(Encoding.UTF8.GetBytes(script)), 1 << 20);
        var stored = await store.CommitAsync(staged, ArtifactKind.Agent, db);
        var build = new AgentBuild
        {
            Version = $"broken-{Guid.NewGuid():N}", Abi = "x86_64", ArtifactSha256 = stored.Artifact.Sha256,
            CreatedAt = DateTimeOffset.UtcNow.AddDays(1), // the newest: devices get it
        };
        db.AgentBuilds.Add(build);
        await db.SaveChangesAsync();
        return build.Id;
    }
}
