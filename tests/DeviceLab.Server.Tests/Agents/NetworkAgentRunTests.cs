using DeviceLab.Core.Devices;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Tests.Lab;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Agents;

/// <summary>
/// The real agent as its own process in network mode (<c>devicelab-agent connect</c>) against the real server on a loopback
/// port: registration, a suite run, and an agent that dies mid-run — stored in PostgreSQL exactly as in ADB mode.
/// </summary>
[Collection(NetworkLabCollection.Name)]
public sealed class NetworkAgentRunTests(NetworkLabFixture lab)
{
    [Fact]
    public async Task A_suite_runs_on_a_networked_device_and_its_results_token_timings_and_samples_land_in_PostgreSQL()
    {
        var (deviceId, token, tag) = await lab.AddNetworkDeviceAsync("net-run");
        await using var agent = NetworkAgentProcess.Start(lab.BaseUrl, token);
        await lab.WaitForDeviceAsync(deviceId, DeviceState.Online, () => agent.Output);
        using var client = lab.CreateClient(DeviceLabRole.Operator);

        var created = await LabRuns.CreateRunAsync(client, [lab.F16], [tag], LabRuns.Quick);
        var run = await LabRuns.WaitForEndAsync(client, created.GetProperty("id").GetInt64());

        Assert.True(run.GetProperty("status").GetString() == "succeeded", $"{run}\nagent:\n{agent.Output}\nserver:\n{lab.Log.Recent()}");
        var jobId = Assert.Single(LabRuns.Jobs(run)).GetProperty("id").GetInt64();
        await using var db = lab.CreateDbContext();
        var device = await db.Devices.AsNoTracking().SingleAsync(d => d.Id == deviceId);
        Assert.Equal(DeviceTransport.Network, device.Transport);
        Assert.Equal("x86_64", device.Abi); // from the agent's fingerprint, not from anything the admin typed
        Assert.True(device.IsVirtual);
        Assert.True(device.Properties.ContainsKey("agent_version"));
        Assert.Contains(tag, device.Tags);

        var attempt = await db.RunJobAttempts.AsNoTracking().SingleAsync(a => a.RunJobId == jobId);
        Assert.Equal(RunJobAttemptStatus.Succeeded, attempt.Status);
        Assert.Equal(0, attempt.AgentExitCode);
        Assert.Equal(2, attempt.RepetitionsDone);
        Assert.Equal("network", attempt.AgentHello!.Value.GetProperty("mode").GetString());
        Assert.Equal("network", attempt.Preparation!.Value.GetProperty("transport").GetString());
        Assert.True(attempt.StoredThroughSeq > 0);

        var result = Assert.Single(await db.Results.AsNoTracking().Where(r => r.RunJobId == jobId).ToListAsync());
        Assert.Equal(lab.F16, result.VariantId);
        Assert.Equal(2 * 16, result.DecodeMsPerToken!.Value.Count);
        Assert.True(result.IsVirtual);
        Assert.True(result.IsSimulated);
        Assert.Equal("network", result.Context!.Value.GetProperty("transport").GetString());
        Assert.Equal(2 * 16, await db.TokenTimings.CountAsync(t => t.RunJobId == jobId && t.Attempt == 1));
        Assert.True(await db.TelemetrySamples.CountAsync(s => s.RunJobId == jobId && s.Source == "simulated") > 0);
        Assert.True(await db.TelemetrySamples.CountAsync(s => s.RunJobId == jobId && s.Metric == "memory.resident") > 0);
    }

    [Fact]
    public async Task An_agent_killed_mid_run_fails_its_attempt_with_device_lost_and_keeps_what_it_measured()
    {
        var (deviceId, token, tag) = await lab.AddNetworkDeviceAsync("net-kill");
        await using var agent = NetworkAgentProcess.Start(lab.BaseUrl, token);
        await lab.WaitForDeviceAsync(deviceId, DeviceState.Online, () => agent.Output);
        using var client = lab.CreateClient(DeviceLabRole.Operator);
        var created = await LabRuns.CreateRunAsync(client, [lab.F16], [tag], LabRuns.Slow(repetitions: 8));
        var jobId = Assert.Single(LabRuns.Jobs(created)).GetProperty("id").GetInt64();
        await Eventually.TrueAsync(async () =>
        {
            await using var db = lab.CreateDbContext();
            return await db.TelemetrySamples.AnyAsync(s => s.RunJobId == jobId);
        }, LabFixture.Patience, $"samples of job {jobId}; agent:\n{agent.Output}\nserver:\n{lab.Log.Recent()}");

        await agent.KillAsync();
        var run = await LabRuns.WaitForEndAsync(client, created.GetProperty("id").GetInt64());

        Assert.True(run.GetProperty("status").GetString() == "failed", $"{run}\nserver:\n{lab.Log.Recent()}");
        var attempts = Assert.Single(LabRuns.Jobs(run)).GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal("device_lost", attempts[0].GetProperty("errorCode").GetString());
        Assert.True(attempts[0].GetProperty("isPartial").GetBoolean());
        Assert.Contains("did not come back", attempts[0].GetProperty("errorMessage").GetString());
        await using var check = lab.CreateDbContext();
        Assert.True(await check.TelemetrySamples.AnyAsync(s => s.RunJobId == jobId && s.Attempt == 1), "the lost attempt's samples are kept");
        Assert.Empty(await check.Results.Where(r => r.RunJobId == jobId).ToListAsync());
        Assert.Equal(DeviceState.Offline, (await check.Devices.AsNoTracking().SingleAsync(d => d.Id == deviceId)).State);
    }

    [Fact]
    public async Task An_agent_that_restarts_mid_run_loses_that_attempt_and_the_retry_runs_on_it_again()
    {
        var (deviceId, token, tag) = await lab.AddNetworkDeviceAsync("net-restart");
        using var client = lab.CreateClient(DeviceLabRole.Operator);
        long runId, jobId;
        await using (var first = NetworkAgentProcess.Start(lab.BaseUrl, token))
        {
            await lab.WaitForDeviceAsync(deviceId, DeviceState.Online, () => first.Output);
            var created = await LabRuns.CreateRunAsync(client, [lab.F16], [tag], LabRuns.Slow(repetitions: 3));
            (runId, jobId) = (created.GetProperty("id").GetInt64(), Assert.Single(LabRuns.Jobs(created)).GetProperty("id").GetInt64());
            await Eventually.TrueAsync(async () =>
            {
                await using var db = lab.CreateDbContext();
                return await db.TelemetrySamples.AnyAsync(s => s.RunJobId == jobId);
            }, LabFixture.Patience, $"samples of job {jobId}; agent:\n{first.Output}\nserver:\n{lab.Log.Recent()}");
            await first.KillAsync();
        }
        // The app restarted at once: its agent registers again, knowing nothing of the job it ran.
        await using var second = NetworkAgentProcess.Start(lab.BaseUrl, token);

        var run = await LabRuns.WaitForEndAsync(client, runId);

        Assert.True(run.GetProperty("status").GetString() == "succeeded", $"{run}\nagent:\n{second.Output}\nserver:\n{lab.Log.Recent()}");
        var attempts = Assert.Single(LabRuns.Jobs(run)).GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal("device_lost", attempts[0].GetProperty("errorCode").GetString());
        Assert.Contains("came back without job", attempts[0].GetProperty("errorMessage").GetString());
        Assert.True(attempts[0].GetProperty("isPartial").GetBoolean());
        Assert.Equal("succeeded", attempts[1].GetProperty("status").GetString());
        Assert.Equal(deviceId, attempts[1].GetProperty("deviceId").GetInt64());
        await using var check = lab.CreateDbContext();
        Assert.True(await check.TelemetrySamples.AnyAsync(s => s.RunJobId == jobId && s.Attempt == 1), "the lost attempt's samples are kept");
        Assert.Single(await check.Results.Where(r => r.RunJobId == jobId).ToListAsync());
    }
}
