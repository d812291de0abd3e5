using Bunit;
using DeviceLab.Server.Components.Sources;

namespace DeviceLab.Server.Tests.Components.Sources;

public class SourceBadgeTests : DashboardComponentContext
{
    [Fact]
    public void A_real_device_with_measured_telemetry_gets_no_label()
    {
        var cut = Render<SourceBadge>();

        Assert.Empty(cut.FindAll("[data-source]"));
        Assert.Equal("", SourceLabel.Describe(false, false));
    }

    [Theory]
    [InlineData(true, false, new[] { "virtual" })]
    [InlineData(false, true, new[] { "simulated" })]
    [InlineData(true, true, new[] { "virtual", "simulated" })]
    public void Virtual_devices_and_simulated_telemetry_are_labelled(bool isVirtual, bool simulated, string[] expected)
    {
        var cut = Render<SourceBadge>(p => p.Add(b => b.Virtual, isVirtual).Add(b => b.Simulated, simulated));

        Assert.Equal(expected, cut.FindAll("[data-source]").Select(e => e.GetAttribute("data-source")));
    }

    [Fact]
    public void Full_and_compact_texts()
    {
        var full = Render<SourceBadge>(p => p.Add(b => b.Virtual, true));
        Assert.Contains("virtual device", full.Markup);

        var compact = Render<SourceBadge>(p => p.Add(b => b.Simulated, true).Add(b => b.Compact, true));
        Assert.Equal("simulated", compact.Find("[data-source=simulated]").TextContent.Trim());
        Assert.Equal("virtual device, simulated telemetry", SourceLabel.Describe(true, true));
    }
}
