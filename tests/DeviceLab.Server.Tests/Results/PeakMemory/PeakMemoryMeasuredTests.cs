using System.Text.Json;
using Bunit;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Server.Results.PeakMemory;
using DeviceLab.Server.Tests.Components;

namespace DeviceLab.Server.Tests.Results.PeakMemory;

public class PeakMemoryMeasuredTests : DashboardComponentContext
{
    private static JsonElement Context(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void A_VmHWM_figure_says_it_was_reset_per_repetition()
    {
        var method = PeakMemoryMethod.Of(Context("""{"peak_rss_method":"hwm_reset","parameters":{"telemetry_interval_ms":250}}"""));

        var cut = Render<PeakMemoryMeasured>(p => p.Add(c => c.Value, 323.5 * (1 << 20)).Add(c => c.Method, method));

        Assert.Equal("324", cut.Find(".measured-value").TextContent);
        Assert.Equal("MiB", cut.Find(".measured-unit").TextContent.Trim());
        var caption = cut.Find("[data-peak-memory-method]");
        Assert.Equal(PeakMemoryMethods.HighWaterMarkReset, caption.GetAttribute("data-peak-memory-method"));
        Assert.Equal("VmHWM, reset per repetition", caption.TextContent.Trim());
        Assert.Contains("clear_refs", caption.GetAttribute("title"));
        Assert.Contains("VmHWM", cut.Find(".measured").GetAttribute("title")); // the figure's own tooltip says it too
    }

    [Theory]
    [InlineData(250, "highest sample, 4 Hz", "every 250 ms")]
    [InlineData(2000, "highest sample, 0.5 Hz", "every 2000 ms")]
    public void A_sampled_figure_says_how_often_it_was_sampled_and_that_it_is_a_lower_bound(int intervalMs, string caption, string explained)
    {
        var method = PeakMemoryMethod.Of(Context($$$"""{"peak_rss_method":"rss_sampled_max","parameters":{"telemetry_interval_ms":{{{intervalMs}}}}}"""));

        var cut = Render<PeakMemoryMeasured>(p => p.Add(c => c.Value, 190e6).Add(c => c.Method, method).Add(c => c.ShowUnit, false));

        var label = cut.Find("[data-peak-memory-method=rss_sampled_max]");
        Assert.Equal(caption, label.TextContent.Trim());
        Assert.Contains(explained, label.GetAttribute("title"));
        Assert.Contains("lower bound", label.GetAttribute("title"));
        Assert.Empty(cut.FindAll(".measured-unit"));
    }

    [Fact]
    public void A_result_without_a_method_says_so_rather_than_guessing()
    {
        var cut = Render<PeakMemoryMeasured>(p => p.Add(c => c.Value, 591e6).Add(c => c.Method, PeakMemoryMethod.Of(Context("""{"agent_version":"0.3"}"""))));

        var label = cut.Find("[data-peak-memory-method]");
        Assert.Equal(PeakMemoryMeasured.NotReported, label.GetAttribute("data-peak-memory-method"));
        Assert.Equal("method not reported", label.TextContent.Trim());
        Assert.Contains("every variant", label.GetAttribute("title"));
        Assert.Equal("method not reported", PeakMemoryMethod.Of(null).Caption);
    }

    [Fact]
    public void An_unmeasurable_peak_shows_as_missing_with_the_reason_and_a_missing_figure_has_no_caption()
    {
        var unavailable = Render<PeakMemoryMeasured>(p => p.Add(c => c.Value, -1).Add(c => c.Method, PeakMemoryMethod.For(PeakMemoryMethods.Unavailable)));
        Assert.Equal("—", unavailable.Find(".measured").TextContent.Trim());
        Assert.Equal("not measurable", unavailable.Find("[data-peak-memory-method=unavailable]").TextContent.Trim());

        var missing = Render<PeakMemoryMeasured>(p => p.Add(c => c.Value, (double?)null).Add(c => c.Method, PeakMemoryMethod.For(null)));
        Assert.Empty(missing.FindAll("[data-peak-memory-method]"));
    }

    [Fact]
    public void Pooled_results_keep_their_method_when_they_agree_and_are_mixed_when_they_do_not()
    {
        var reset = PeakMemoryMethod.For(PeakMemoryMethods.HighWaterMarkReset);
        var sampled4Hz = PeakMemoryMethod.For(PeakMemoryMethods.SampledResidentMax, 250);
        var sampled1Hz = PeakMemoryMethod.For(PeakMemoryMethods.SampledResidentMax, 1000);

        Assert.Equal(reset, PeakMemoryMethod.Combine([reset, reset]));
        Assert.Equal("highest sample, 4 Hz", PeakMemoryMethod.Combine([sampled4Hz, sampled4Hz]).Caption);
        Assert.Equal("highest sample", PeakMemoryMethod.Combine([sampled4Hz, sampled1Hz]).Caption);
        Assert.Equal(PeakMemoryMethods.Mixed, PeakMemoryMethod.Combine([reset, sampled4Hz]).Key);
        Assert.Equal(PeakMemoryMethods.Mixed, PeakMemoryMethod.Combine([reset, PeakMemoryMethod.For(null)]).Key);
        Assert.Null(PeakMemoryMethod.Combine([]).Key);
    }

    [Fact]
    public void A_pooled_note_and_the_method_share_the_tooltip()
    {
        var cut = Render<PeakMemoryMeasured>(p => p.Add(c => c.Value, 200e6).Add(c => c.Spread, 3e6).Add(c => c.Count, 2)
            .Add(c => c.Detail, "one value per result, 2 results").Add(c => c.Method, PeakMemoryMethod.For(PeakMemoryMethods.Mixed)));

        var tooltip = cut.Find(".measured").GetAttribute("title")!;
        Assert.Contains("one value per result, 2 results", tooltip);
        Assert.Contains("different methods", tooltip);
        Assert.Equal("mixed methods", cut.Find("[data-peak-memory-method=mixed]").TextContent.Trim());
    }
}
