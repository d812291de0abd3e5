using DeviceLab.Server.Suites;

namespace DeviceLab.Server.Tests.Suites;

public class CronPreviewTests
{
    [Theory]
    [InlineData("0 2 * * *", "every day at 02:00 UTC")]
    [InlineData("30 3 * * 1-5", "at 03:30 UTC on Monday–Friday")]
    [InlineData("0 4 * * 0,6", "at 04:00 UTC on Sunday, Saturday")]
    [InlineData("15 1 1 * *", "at 01:15 UTC on day 1 of every month")]
    [InlineData("*/15 * * * *", "every 15 minutes")]
    [InlineData("5 * * * *", "every hour at minute 5")]
    [InlineData(null, "on demand only (no schedule)")]
    [InlineData("  ", "on demand only (no schedule)")]
    public void Common_schedules_read_as_sentences(string? cron, string expected)
    {
        var (description, problem) = CronPreview.Describe(cron);

        Assert.Null(problem);
        Assert.Equal(expected, description);
    }

    [Theory]
    [InlineData("0 2 * *", "has 4 field(s)")]
    [InlineData("0 2 * * * *", "has 6 field(s)")]
    [InlineData("61 2 * * *", "not a valid cron expression")]
    [InlineData("0 2 * * funday", "not a valid cron expression")]
    public void A_bad_expression_says_what_is_wrong(string cron, string expected)
    {
        var (description, problem) = CronPreview.Describe(cron);

        Assert.Null(description);
        Assert.Contains(expected, problem);
        Assert.Empty(CronPreview.Next(cron, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void The_next_runs_are_in_UTC_in_order()
    {
        var now = new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero); // a Friday

        var next = CronPreview.Next("30 3 * * 1-5", now);

        Assert.Equal([new DateTimeOffset(2026, 3, 9, 3, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 10, 3, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 11, 3, 30, 0, TimeSpan.Zero)], next);
    }
}
