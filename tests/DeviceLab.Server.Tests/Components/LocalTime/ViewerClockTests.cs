using DeviceLab.Server.Components.LocalTime;

namespace DeviceLab.Server.Tests.Components.LocalTime;

public class ViewerClockTests
{
    private static readonly DateTimeOffset Winter = new(2026, 1, 15, 21, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Summer = new(2026, 7, 15, 21, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Converts_stored_UTC_to_the_viewers_zone_with_daylight_saving()
    {
        var berlin = ViewerClock.ForZone("Europe/Berlin", TimeProvider.System);

        Assert.True(berlin.IsKnown);
        Assert.Equal("2026-01-15 22:30", berlin.Format(Winter));
        Assert.Equal("2026-07-15 23:30", berlin.Format(Summer));
        Assert.Equal("UTC+02:00 (Europe/Berlin)", berlin.ZoneName(Summer));
    }

    [Fact]
    public void The_local_date_can_differ_from_the_UTC_date()
    {
        var tokyo = ViewerClock.ForZone("Asia/Tokyo", TimeProvider.System);
        var newYork = ViewerClock.ForZone("America/New_York", TimeProvider.System);

        Assert.Equal(new DateOnly(2026, 1, 16), tokyo.Date(Winter));    // 06:30 the next morning
        Assert.Equal(new DateOnly(2026, 1, 15), newYork.Date(Winter));  // 16:30 the same day
        Assert.Equal("UTC-05:00 (America/New_York)", newYork.ZoneName(Winter));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    public void An_unknown_zone_falls_back_to_UTC_and_says_so(string? zone)
    {
        var clock = ViewerClock.ForZone(zone, TimeProvider.System);

        Assert.False(clock.IsKnown);
        Assert.Equal("2026-01-15 21:30", clock.Format(Winter));
        Assert.Equal("UTC", clock.ZoneName(Winter));
    }

    [Theory]
    [InlineData(2, "just now")]
    [InlineData(42, "42 s ago")]
    [InlineData(5 * 60 + 3, "5 min ago")]
    [InlineData(3 * 3600, "3 h ago")]
    [InlineData(47 * 3600, "47 h ago")]
    [InlineData(3 * 86400, "3 d ago")]
    [InlineData(-4 * 60, "in 4 min")]
    public void Relative_times(int secondsAgo, string expected)
    {
        var now = Winter;
        Assert.Equal(expected, RelativeTime.Describe(now.AddSeconds(-secondsAgo), now));
    }
}
