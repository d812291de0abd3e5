using Bunit;
using DeviceLab.Server.Components.LocalTime;
using DeviceLab.Server.Components.Shared;

namespace DeviceLab.Server.Tests.Components.LocalTime;

public class TimestampTests : DashboardComponentContext
{
    private static readonly DateTimeOffset At = new(2026, 7, 15, 21, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Shows_the_viewers_local_time_and_keeps_UTC_in_the_tooltip()
    {
        var cut = Render<Timestamp>(p => p.Add(t => t.Value, At).AddCascadingValue(Berlin()));

        Assert.Equal("2026-07-15 23:30", cut.Find(".timestamp").TextContent.Trim());
        var tooltip = cut.Find(".timestamp").GetAttribute("title")!;
        Assert.Contains("UTC+02:00 (Europe/Berlin)", tooltip);
        Assert.Contains("2026-07-15 21:30:00 UTC", tooltip);
    }

    [Fact]
    public void Without_a_known_zone_the_time_says_UTC()
    {
        var cut = Render<Timestamp>(p => p.Add(t => t.Value, At));

        Assert.Equal("2026-07-15 21:30 UTC", cut.Find(".timestamp").TextContent.Trim());
    }

    [Fact]
    public void Relative_shows_how_long_ago_and_the_local_time()
    {
        var time = new FixedTime(At.AddMinutes(5));
        var cut = Render<Timestamp>(p => p.Add(t => t.Value, At).Add(t => t.Relative, true).AddCascadingValue(Berlin(time)));

        Assert.StartsWith("5 min ago", cut.Find(".timestamp").TextContent.Trim());
        Assert.Contains("2026-07-15 23:30", cut.Find(".timestamp-local").TextContent);
    }

    [Fact]
    public void A_missing_time_is_a_dash()
    {
        var cut = Render<Timestamp>(p => p.Add(t => t.Value, (DateTimeOffset?)null).AddCascadingValue(Berlin()));

        Assert.Equal("—", cut.Markup.Trim().Replace("<span>", "").Replace("</span>", ""));
    }
}
