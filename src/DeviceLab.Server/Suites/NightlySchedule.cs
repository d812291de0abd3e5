using Hangfire;
using Hangfire.Storage;

namespace DeviceLab.Server.Suites;

/// <summary>
/// Keeps one Hangfire recurring job per scheduled suite (<c>suite-nightly:&lt;id&gt;</c>, on the default queue, UTC):
/// added or updated when a suite with a cron is saved and enabled, removed when the cron is cleared, the suite
/// disabled or deleted. At start every suite is synced again and recurring jobs of suites that no longer exist go.
/// </summary>
public sealed class NightlySchedule(IRecurringJobManager recurringJobs, JobStorage storage)
{
    private const string Prefix = "suite-nightly:";

    public static string RecurringJobId(long suiteId) => $"{Prefix}{suiteId}";

    public void Sync(Suite suite)
    {
        if (suite.Enabled && suite.Cron is { } cron)
            recurringJobs.AddOrUpdate<SuiteTrigger>(RecurringJobId(suite.Id), Fleet.LabHostQueue.Default,
                trigger => trigger.RunScheduledAsync(suite.Id, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        else
            Remove(suite.Id);
    }

    public void Remove(long suiteId) => recurringJobs.RemoveIfExists(RecurringJobId(suiteId));

    /// <summary>Syncs every suite and drops recurring jobs whose suite is gone.</summary>
    public void SyncAll(IReadOnlyList<Suite> suites)
    {
        foreach (var suite in suites) Sync(suite);
        using var connection = storage.GetConnection();
        var known = suites.Select(s => RecurringJobId(s.Id)).ToHashSet();
        foreach (var job in connection.GetRecurringJobs().Where(j => j.Id.StartsWith(Prefix, StringComparison.Ordinal) && !known.Contains(j.Id)))
            recurringJobs.RemoveIfExists(job.Id);
    }
}
