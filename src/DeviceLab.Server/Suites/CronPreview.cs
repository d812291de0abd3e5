using System.Globalization;
using Cronos;

namespace DeviceLab.Server.Suites;

/// <summary>
/// A suite's schedule for people: "every day at 02:00 UTC" instead of <c>0 2 * * *</c>, and the next times it fires.
/// Schedules are five-field cron expressions in UTC. Common shapes get a sentence; anything else is described field by
/// field, and the next occurrences always show what it really means.
/// </summary>
public static class CronPreview
{
    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>The sentence, or why the expression is not a schedule.</summary>
    public static (string? Description, string? Problem) Describe(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron)) return ("on demand only (no schedule)", null);
        var fields = cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
            return (null, $"'{cron.Trim()}' has {fields.Length} field(s); a schedule has five: minute hour day-of-month month day-of-week, e.g. '0 2 * * *' for 02:00 UTC every night");
        try
        {
            CronExpression.Parse(cron.Trim(), CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            return (null, $"'{cron.Trim()}' is not a valid cron expression: {e.Message}");
        }
        var (minute, hour, day, month, weekday) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        if (IsNumber(minute) && IsNumber(hour) && month == "*")
        {
            var at = $"{int.Parse(hour, CultureInfo.InvariantCulture):00}:{int.Parse(minute, CultureInfo.InvariantCulture):00} UTC";
            if (day == "*" && weekday == "*") return ($"every day at {at}", null);
            if (day == "*") return ($"at {at} on {Weekdays(weekday)}", null);
            if (weekday == "*" && IsNumber(day)) return ($"at {at} on day {day} of every month", null);
        }
        if (hour == "*" && IsNumber(minute) && day == "*" && month == "*" && weekday == "*") return ($"every hour at minute {minute}", null);
        if (minute.StartsWith("*/", StringComparison.Ordinal) && hour == "*" && day == "*" && month == "*" && weekday == "*")
            return ($"every {minute[2..]} minutes", null);
        if (IsNumber(minute) && hour.StartsWith("*/", StringComparison.Ordinal) && day == "*" && month == "*" && weekday == "*")
            return ($"every {hour[2..]} hours at minute {minute} (UTC)", null);
        return ($"minute {minute}, hour {hour} (UTC), day of month {day}, month {month}, day of week {Weekdays(weekday)}", null);
    }

    /// <summary>The next <paramref name="count"/> times the schedule fires after <paramref name="after"/> (UTC); empty when it is not valid.</summary>
    public static IReadOnlyList<DateTimeOffset> Next(string? cron, DateTimeOffset after, int count = 3)
    {
        if (string.IsNullOrWhiteSpace(cron) || Describe(cron).Problem is not null) return [];
        var expression = CronExpression.Parse(cron.Trim(), CronFormat.Standard);
        var next = new List<DateTimeOffset>();
        var from = after;
        while (next.Count < count && expression.GetNextOccurrence(from, TimeZoneInfo.Utc) is { } occurrence)
        {
            next.Add(occurrence);
            from = occurrence;
        }
        return next;
    }

    private static bool IsNumber(string field) => field.All(char.IsAsciiDigit) && field.Length > 0;

    private static string Weekdays(string field)
    {
        if (field == "*") return "every day";
        return string.Join(", ", field.Split(',').Select(part =>
        {
            var range = part.Split('-');
            return range.All(IsNumber) && range.Length is 1 or 2
                ? string.Join("–", range.Select(d => DayNames[int.Parse(d, CultureInfo.InvariantCulture) % 7]))
                : part;
        }));
    }
}
