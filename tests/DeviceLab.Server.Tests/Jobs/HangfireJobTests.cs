using DeviceLab.Server.Fleet;
using Hangfire;
using Hangfire.Storage;
using Xunit.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Jobs;

public sealed class HangfireJobTests(DeviceLabServerFixture server, ITestOutputHelper output) : IClassFixture<DeviceLabServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_fire_and_forget_job_runs_on_the_server_and_writes_its_row()
    {
        var jobs = server.Factory.Services.GetRequiredService<IBackgroundJobClient>();
        // Twice: the first job also pays for warming up the worker; the second shows the steady-state start latency.
        foreach (var round in new[] { "first", "second" })
        {
            var labHost = $"probe-{Guid.NewGuid().ToString("N")[..8]}";
            var enqueued = System.Diagnostics.Stopwatch.StartNew();
            var jobId = jobs.Enqueue<LabHostHeartbeat>(heartbeat => heartbeat.BeatAsync(labHost, CancellationToken.None));

            Assert.False(string.IsNullOrEmpty(jobId));
            var row = await EventuallyAsync(async () =>
            {
                await using var db = server.CreateDbContext();
                return await db.LabHosts.AsNoTracking().SingleOrDefaultAsync(h => h.Name == labHost);
            });
            Assert.Equal(LabHostQueue.For(labHost), row.QueueName);
            // Reported, not asserted: latency is a figure for the notes, not a pass/fail condition of a unit test.
            output.WriteLine($"{round} job: enqueue → row written in {enqueued.ElapsedMilliseconds} ms");
        }
    }

    [Fact]
    public async Task The_server_registers_its_lab_host_and_schedules_the_heartbeat_on_the_hosts_own_queue()
    {
        await using (var db = server.CreateDbContext())
        {
            var host = await db.LabHosts.AsNoTracking().SingleAsync(h => h.Name == server.LabHostName);
            Assert.Equal(TimeSpan.Zero, host.LastSeenAt.Offset);
        }

        using var connection = server.Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var heartbeat = Assert.Single(connection.GetRecurringJobs(), job => job.Id == LabHostRegistration.HeartbeatJobId(server.LabHostName));
        Assert.Equal(LabHostQueue.For(server.LabHostName), heartbeat.Job.Queue);
        Assert.Equal(Cron.Minutely(), heartbeat.Cron);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Not done within {Patience.TotalSeconds} s.");
    }
}
