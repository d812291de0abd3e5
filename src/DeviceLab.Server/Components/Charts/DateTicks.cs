using System.Globalization;

namespace DeviceLab.Server.Components.Charts;

/// <summary>Tick dates for a calendar axis: days, Mondays, first days of months or of quarters, whatever gives
/// at most <c>maxTicks</c> labels.</summary>
public static class DateTicks
{
    public static IReadOnlyList<(DateOnly Date, string Label)> For(DateOnly first, DateOnly last, int maxTicks = 8)
    {
        if (last < first) (first, last) = (last, first);
        var days = last.DayNumber - first.DayNumber;
        foreach (var step in new[] { 1, 2, 7, 14 })
        {
            if (days / step + 1 > maxTicks) continue;
            var start = step >= 7 ? NextMonday(first) : first;
            return Enumerable.Range(0, (last.DayNumber - start.DayNumber) / step + 1)
                .Select(i => start.AddDays(i * step)).Select(d => (d, Day(d))).ToArray();
        }
        foreach (var months in new[] { 1, 2, 3, 6, 12 })
        {
            var ticks = MonthStarts(first, last, months);
            if (ticks.Count <= maxTicks)
                return ticks.Select(d => (d, d.Month == 1 || months >= 12 ? d.ToString("MMM yyyy", CultureInfo.InvariantCulture) : d.ToString("MMM", CultureInfo.InvariantCulture))).ToArray();
        }
        return [(first, Day(first)), (last, Day(last))];
    }

    private static string Day(DateOnly d) => d.ToString("MMM d", CultureInfo.InvariantCulture);

    private static DateOnly NextMonday(DateOnly d) => d.AddDays(((int)DayOfWeek.Monday - (int)d.DayOfWeek + 7) % 7);

    private static List<DateOnly> MonthStarts(DateOnly first, DateOnly last, int months)
    {
        var ticks = new List<DateOnly>();
        var month = new DateOnly(first.Year, first.Month, 1);
        if (month < first) month = month.AddMonths(1);
        // Align multi-month steps to January so quarters start in Jan / Apr / Jul / Oct.
        while ((month.Month - 1) % months != 0) month = month.AddMonths(1);
        for (; month <= last; month = month.AddMonths(months)) ticks.Add(month);
        return ticks;
    }
}
