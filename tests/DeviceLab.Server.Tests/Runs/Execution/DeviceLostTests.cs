using DeviceLab.Core.Devices;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Tests.Lab;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Runs.Execution;

/// <summary>A device dies mid-run (its process killed: a pulled cable): the job fails with device_lost, keeps what it measured
/// flagged partial, and is retried on the other device of the pool.</summary>
[Collection(LabCollection.Name)]
public sealed class DeviceLostTests(LabFixture lab)
{
    [Fact]
    public async Task A_device_killed_mid_run_fails_its_attempt_with_device_lost_keeps_partial_data_and_the_job_is_retried_on_the_other_device()
    {
        await using var live = lab.CreateLiveClient();
        await live.StartAsync();
        using var client = lab.CreateClient(DeviceLabRole.Operator);
        var created = await LabRuns.CreateRunAsync(client, [lab.Q4], ["virtual"], LabRuns.Slow());
        var runId = created.GetProperty("id").GetInt64();
        var jobOnA = LabRuns.Jobs(created).Single(j => j.GetProperty("deviceId").GetInt64() == lab.DeviceAId).GetProperty("id").GetInt64();
        await LabJobs.RunningWithSamplesAsync(lab, jobOnA);

        await lab.DeviceA.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        try
        {
            var run = await LabRuns.WaitForEndAsync(client, runId, TimeSpan.FromSeconds(90));

            Assert.Equal("succeeded", run.GetProperty("status").GetString());
            var job = LabRuns.Jobs(run).Single(j => j.GetProperty("id").GetInt64() == jobOnA);
            var attempts = job.GetProperty("attempts").EnumerateArray().ToList();
            Assert.Equal(2, attempts.Count);
            Assert.Equal("failed", attempts[0].GetProperty("status").GetString());
            Assert.Equal("device_lost", attempts[0].GetProperty("errorCode").GetString());
            Assert.True(attempts[0].GetProperty("isPartial").GetBoolean());
            Assert.Equal(lab.DeviceAId, attempts[0].GetProperty("deviceId").GetInt64());
            Assert.Equal("succeeded", attempts[1].GetProperty("status").GetString());
            Assert.Equal(lab.DeviceBId, attempts[1].GetProperty("deviceId").GetInt64());
            Assert.Equal(lab.DeviceBId, job.GetProperty("deviceId").GetInt64());

            await using var db = lab.CreateDbContext();
            Assert.True(await db.TelemetrySamples.AnyAsync(s => s.RunJobId == jobOnA && s.Attempt == 1), "the lost attempt's samples are kept");
            Assert.Empty(await db.Results.Where(r => r.RunJobId == jobOnA && r.Attempt == 1).ToListAsync());
            Assert.Single(await db.Results.Where(r => r.RunJobId == jobOnA && r.Attempt == 2).ToListAsync());

            // The fleet noticed: the device went offline within seconds, and live viewers were told.
            var offline = await db.Devices.AsNoTracking().SingleAsync(d => d.Id == lab.DeviceAId);
            Assert.Equal(DeviceState.Offline, offline.State);
            var change = Assert.Single(live.Devices, d => d.DeviceId == lab.DeviceAId && d.State == DeviceState.Offline);
            Assert.True(change.At - killedAt < TimeSpan.FromSeconds(10), $"offline after {(change.At - killedAt).TotalSeconds:0.0} s");
        }
        finally
        {
            await lab.ReviveAsync(lab.DeviceA);
        }
    }
}
