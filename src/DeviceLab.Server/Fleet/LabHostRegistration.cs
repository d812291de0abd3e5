using Hangfire;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Fleet;

/// <summary>At start: beats once (so the host is listed at once), then schedules the heartbeat every minute
/// on the host's own queue.</summary>
internal sealed class LabHostRegistration(
    IServiceScopeFactory scopes,
    IRecurringJobManager recurringJobs,
    IOptions<DeviceLabOptions> options,
    ILogger<LabHostRegistration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var labHost = options.Value.LabHost.Name;
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<LabHostHeartbeat>().BeatAsync(labHost, cancellationToken);
        }
        var queue = LabHostQueue.For(labHost);
        recurringJobs.AddOrUpdate<LabHostHeartbeat>(HeartbeatJobId(labHost), queue,
            heartbeat => heartbeat.BeatAsync(labHost, CancellationToken.None), Cron.Minutely());
        logger.LogInformation("Lab host {LabHost} registered; its jobs go to Hangfire queue {Queue}", labHost, queue);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string HeartbeatJobId(string labHost) => $"lab-host-heartbeat:{LabHostQueue.For(labHost)}";
}
