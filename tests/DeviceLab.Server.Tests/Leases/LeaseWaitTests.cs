using DeviceLab.Server.Auth;
using DeviceLab.Server.Tests.Lab;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Leases;

/// <summary>One job per device: a second job for a busy device waits for the lease, then runs.</summary>
[Collection(LabCollection.Name)]
public sealed class LeaseWaitTests(LabFixture lab)
{
    [Fact]
    public async Task A_second_job_for_a_busy_device_waits_for_the_lease_and_runs_after_the_first()
    {
        using var client = lab.CreateClient(DeviceLabRole.Operator);
        var first = await LabRuns.CreateRunAsync(client, [lab.Q4], ["lab-b"], LabRuns.Slow(repetitions: 3));
        var firstJob = LabRuns.Jobs(first).Single().GetProperty("id").GetInt64();
        await LabJobs.RunningWithSamplesAsync(lab, firstJob);

        var second = await LabRuns.CreateRunAsync(client, [lab.Q4], ["lab-b"], LabRuns.Quick);
        var secondRunId = second.GetProperty("id").GetInt64();
        var secondJob = LabRuns.Jobs(second).Single().GetProperty("id").GetInt64();
        await Eventually.TrueAsync(async () =>
            LabRuns.Jobs(await LabRuns.GetRunAsync(client, secondRunId)).Single().GetProperty("status").GetString() == "waiting_for_device",
            LabFixture.Patience, "the second job waits for the device");

        Assert.Equal("succeeded", (await LabRuns.WaitForEndAsync(client, first.GetProperty("id").GetInt64())).GetProperty("status").GetString());
        Assert.Equal("succeeded", (await LabRuns.WaitForEndAsync(client, secondRunId)).GetProperty("status").GetString());

        await using var db = lab.CreateDbContext();
        var leases = await db.DeviceLeases.AsNoTracking().Where(l => l.RunJobId == firstJob || l.RunJobId == secondJob).OrderBy(l => l.FencingToken).ToListAsync();
        Assert.Equal([firstJob, secondJob], leases.Select(l => l.RunJobId));
        Assert.True(leases[1].FencingToken > leases[0].FencingToken);
        Assert.True(leases[0].ReleasedAt <= leases[1].AcquiredAt, "the second lease starts after the first ended");
        Assert.All(leases, l => Assert.Equal(lab.DeviceBId, l.DeviceId));
    }
}
