using DeviceLab.Server.Data;
using DeviceLab.Server.Runs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Regressions.Detection;

/// <summary>Queues <see cref="NightlyRegressionJob"/> when a suite run with a tracked trigger (default: nightly) finishes.</summary>
internal sealed class RegressionDetectionObserver(
    IDbContextFactory<DeviceLabDbContext> contexts,
    IBackgroundJobClient jobs,
    IOptions<RegressionOptions> options,
    ILogger<RegressionDetectionObserver> logger) : IRunFinishedObserver
{
    public async Task OnRunFinishedAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.SuiteId, r.Trigger }).SingleOrDefaultAsync(cancellationToken);
        if (run?.SuiteId is null || !options.Value.EffectiveTriggers.Contains(run.Trigger)) return;
        var jobId = jobs.Enqueue<NightlyRegressionJob>(job => job.RunAsync(runId, CancellationToken.None));
        logger.LogInformation("Regression detection queued for run {RunId} (job {JobId})", runId, jobId);
    }
}
