using Bunit;
using DeviceLab.Server.Components.LocalTime;
using Microsoft.AspNetCore.Components;

namespace DeviceLab.Server.Tests.Components.LocalTime;

public class ViewerTimeZoneTests : DashboardComponentContext
{
    private sealed class ClockProbe : ComponentBase
    {
        [CascadingParameter] public ViewerClock? Clock { get; set; }
    }

    private static RenderFragment Probe => builder =>
    {
        builder.OpenComponent<ClockProbe>(0);
        builder.CloseComponent();
    };

    [Fact]
    public void The_cookie_zone_applies_at_once_and_the_browser_is_asked_once_per_circuit()
    {
        var ask = JSInterop.Setup<string?>("deviceLab.viewerTimeZone").SetResult("Asia/Tokyo");

        var cut = Render<ViewerTimeZone>(p => p.Add(z => z.InitialZoneId, "Europe/Berlin").AddChildContent(Probe));

        var probe = cut.FindComponent<ClockProbe>();
        cut.WaitForAssertion(() => Assert.Equal("Asia/Tokyo", probe.Instance.Clock!.Zone.Id));
        cut.Render();
        Assert.Single(ask.Invocations);
    }

    [Fact]
    public void Before_the_browser_answers_the_cookie_zone_is_used()
    {
        JSInterop.Setup<string?>("deviceLab.viewerTimeZone"); // never answers

        var cut = Render<ViewerTimeZone>(p => p.Add(z => z.InitialZoneId, "Europe/Berlin").AddChildContent(Probe));

        Assert.Equal("Europe/Berlin", cut.FindComponent<ClockProbe>().Instance.Clock!.Zone.Id);
    }

    [Fact]
    public void A_zone_this_server_does_not_know_leaves_UTC_marked_as_unknown()
    {
        JSInterop.Setup<string?>("deviceLab.viewerTimeZone").SetResult("Nowhere/Atlantis");

        var cut = Render<ViewerTimeZone>(p => p.AddChildContent(Probe));

        var clock = cut.FindComponent<ClockProbe>().Instance.Clock!;
        Assert.False(clock.IsKnown);
        Assert.Equal(TimeZoneInfo.Utc.Id, clock.Zone.Id);
    }
}
