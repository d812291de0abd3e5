using DeviceLab.Server.Components.Charts;

namespace DeviceLab.Server.Tests.Components.Charts;

public class LinearScaleTests
{
    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(1.4, 2)]
    [InlineData(3.1, 5)]
    [InlineData(7.2, 10)]
    [InlineData(0.013, 0.02)]
    [InlineData(230, 500)]
    public void Steps_are_1_2_or_5_times_a_power_of_ten(double rough, double expected)
    {
        Assert.Equal(expected, LinearScale.NiceStep(rough), 12);
    }

    [Fact]
    public void The_domain_widens_to_labelled_ticks_that_cover_the_data()
    {
        var scale = new LinearScale(7.91, 8.62, rangeStart: 300, rangeEnd: 0, maxTicks: 6);

        // 0.71 over at most 6 ticks: steps of 0.2 (0.1 would need 9 ticks)
        Assert.Equal(7.8, scale.DomainMin, 9);
        Assert.Equal(8.8, scale.DomainMax, 9);
        Assert.Equal(["7.8", "8.0", "8.2", "8.4", "8.6", "8.8"], scale.Ticks.Select(scale.Label));
        Assert.Equal(300, scale.Map(7.8), 9);
        Assert.Equal(0, scale.Map(8.8), 9);
    }

    [Fact]
    public void Bars_start_at_zero_and_a_single_value_gets_room_around_it()
    {
        var bars = new LinearScale(18, 31, 200, 0, includeZero: true);
        Assert.Equal(0, bars.DomainMin);
        Assert.True(bars.DomainMax >= 31);

        var single = new LinearScale(42, 42, 0, 100);
        Assert.True(single.DomainMin < 42 && single.DomainMax > 42);
        Assert.Equal(50, single.Map(42), 6);
    }

    [Fact]
    public void Ticks_carry_no_floating_point_noise()
    {
        var scale = new LinearScale(0, 0.9, 0, 100, maxTicks: 10);

        Assert.All(scale.Ticks, t => Assert.Equal(double.Parse(t.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture), t));
        Assert.Equal(0.3, scale.Ticks[3]);
        Assert.Equal("0.3", scale.Label(scale.Ticks[3]));
    }
}
