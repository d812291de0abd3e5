using Cronos;

namespace DeviceLab.Server.Suites;

/// <summary>Suite schedules: five-field cron expressions in UTC (<c>0 2 * * *</c> = every night at 02:00 UTC).</summary>
public static class SuiteSchedule
{
    /// <summary>Why <paramref name="cron"/> is not a usable schedule, or null when it is.</summary>
    public static string? Problem(string? cron)
    {
        if (cron is null) return null;
        if (cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
            return $"'{cron}' is not a five-field cron expression (minute hour day-of-month month day-of-week), e.g. '0 2 * * *' for 02:00 UTC every night";
        try
        {
            CronExpression.Parse(cron, CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return $"'{cron}' is not a valid cron expression: {e.Message}";
        }
    }

    /// <summary>The next time the schedule fires after <paramref name="after"/>, or null without a schedule.</summary>
    public static DateTimeOffset? Next(string? cron, DateTimeOffset after) =>
        cron is null || Problem(cron) is not null ? null : CronExpression.Parse(cron, CronFormat.Standard).GetNextOccurrence(after, TimeZoneInfo.Utc);
}
