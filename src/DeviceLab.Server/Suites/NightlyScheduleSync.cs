using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Suites;

/// <summary>At start, brings Hangfire's recurring jobs in line with the suites table (a suite edited while no node ran, a restored database).</summary>
/// <remarks>Resolves its services at start: hosted services are built before the database is known.</remarks>
internal sealed class NightlyScheduleSync(IServiceProvider services, ILogger<NightlyScheduleSync> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<DeviceLabDbContext>>().CreateDbContextAsync(cancellationToken);
        var suites = await db.Suites.AsNoTracking().ToListAsync(cancellationToken);
        services.GetRequiredService<NightlySchedule>().SyncAll(suites);
        var scheduled = suites.Count(s => s.Enabled && s.Cron is not null);
        if (scheduled > 0) logger.LogInformation("{Count} suite(s) scheduled", scheduled);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
