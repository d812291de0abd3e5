using DeviceLab.Core.Runs;
using DeviceLab.Server.Data;
using DeviceLab.Server.Runs;
using DeviceLab.Server.Runs.Planning;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Suites;

/// <summary>Starts a run of a suite: a snapshot of its variants, selector and parameters at this moment.</summary>
public sealed class SuiteTrigger(DeviceLabDbContext db, RunLauncher launcher, ILogger<SuiteTrigger> logger)
{
    /// <exception cref="RunRequestException">The suite cannot run now (unknown, variants not ready, no device online …).</exception>
    public async Task<Run> RunAsync(long suiteId, RunTrigger trigger, string? requestedBy, CancellationToken cancellationToken)
    {
        var suite = await db.Suites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == suiteId, cancellationToken)
            ?? throw RunRequestException.For("suite_id", $"suite {suiteId} does not exist");
        return await launcher.LaunchAsync(
            new RunRequest(suite.VariantIds, suite.DeviceSelector, suite.Parameters, trigger, requestedBy, suite.Id), cancellationToken);
    }

    /// <summary>The recurring (nightly) job's entry point; a suite that cannot run is logged, not retried.</summary>
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public async Task RunScheduledAsync(long suiteId, CancellationToken cancellationToken)
    {
        var suite = await db.Suites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == suiteId, cancellationToken);
        if (suite is not { Enabled: true })
        {
            logger.LogInformation("Scheduled run of suite {SuiteId} skipped: the suite is {State}", suiteId, suite is null ? "gone" : "disabled");
            return;
        }
        try
        {
            var run = await RunAsync(suiteId, RunTrigger.Nightly, "schedule", cancellationToken);
            logger.LogInformation("Scheduled run {RunId} of suite {Suite} started with {Jobs} job(s)", run.Id, suite.Name, run.Jobs.Count);
        }
        catch (RunRequestException e)
        {
            logger.LogError("Scheduled run of suite {Suite} could not start: {Problem}", suite.Name, e.Message);
        }
    }
}
