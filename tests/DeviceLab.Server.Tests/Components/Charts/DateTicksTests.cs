using DeviceLab.Server.Components.Charts;

namespace DeviceLab.Server.Tests.Components.Charts;

public class DateTicksTests
{
    [Fact]
    public void A_week_gets_a_tick_per_day()
    {
        var ticks = DateTicks.For(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8));

        Assert.Equal(7, ticks.Count);
        Assert.Equal("Mar 2", ticks[0].Label);
    }

    [Fact]
    public void A_year_gets_quarters_or_months_and_never_more_ticks_than_asked()
    {
        var ticks = DateTicks.For(new DateOnly(2025, 11, 20), new DateOnly(2026, 11, 19), maxTicks: 8);

        Assert.InRange(ticks.Count, 2, 8);
        Assert.All(ticks, t => Assert.Equal(1, t.Date.Day));
        Assert.Contains(ticks, t => t.Label == "Jan 2026");
    }

    [Fact]
    public void Two_months_get_weekly_ticks_on_mondays()
    {
        var ticks = DateTicks.For(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 20));

        Assert.All(ticks, t => Assert.Equal(DayOfWeek.Monday, t.Date.DayOfWeek));
    }
}
