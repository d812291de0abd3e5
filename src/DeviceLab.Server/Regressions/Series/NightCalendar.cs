namespace DeviceLab.Server.Regressions.Series;

/// <summary>
/// Which night a run belongs to: the calendar date of its start in the configured time zone
/// (<see cref="RegressionOptions.NightTimeZone"/>). The SQL of <see cref="NightlyPointAggregation"/> computes the same
/// with <c>AT TIME ZONE</c>; both read the IANA time zone database.
/// </summary>
public sealed class NightCalendar(string timeZoneId)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    public string TimeZoneId { get; } = timeZoneId;

    /// <summary>The night of a run that started at <paramref name="start"/> (its creation time if it never started).</summary>
    public DateOnly NightOf(DateTimeOffset start) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, _zone).DateTime);
}
