using Bunit;
using DeviceLab.Core.Regressions;
using DeviceLab.Server.Components.Charts;

namespace DeviceLab.Server.Tests.Components.Charts;

public class ChartComponentTests : DashboardComponentContext
{
    [Fact]
    public void The_scatter_draws_each_groups_Pareto_front_and_marks_its_points()
    {
        ScatterPoint[] points =
        [
            new("Pixel 7", "F16", 10, 7.91, "F16"),
            new("Pixel 7", "Q8_0", 18, 7.93, "Q8_0"),
            new("Pixel 7", "Q4_0", 30, 8.41, "Q4_0"),
            new("Pixel 7", "Q4_K", 17, 8.50, "Q4_K: slower and worse than Q8_0"),
            new("iPhone 15", "Q4_0", 41, 8.41, "Q4_0", Hollow: true),
        ];

        var cut = Render<ScatterChart>(p => p.Add(c => c.Points, points).Add(c => c.XTitle, "decode speed (tokens/s)").Add(c => c.YTitle, "perplexity")
            .Add(c => c.XBetter, MetricDirection.HigherIsBetter).Add(c => c.YBetter, MetricDirection.LowerIsBetter));

        var onFront = cut.FindAll(".scatter-point").Where(g => g.GetAttribute("data-on-front") == "true").Select(g => $"{g.GetAttribute("data-group")} {g.GetAttribute("data-label")}");
        Assert.Equal(["Pixel 7 F16", "Pixel 7 Q8_0", "Pixel 7 Q4_0", "iPhone 15 Q4_0"], onFront);
        var front = cut.Find(".pareto-front[data-group='Pixel 7']");
        Assert.Equal("3", front.GetAttribute("data-front-size"));
        Assert.Equal("decode speed (tokens/s)", cut.Find("[data-axis=x]").TextContent);
        Assert.Equal("perplexity", cut.Find("[data-axis=y]").TextContent);
        Assert.Contains("hollow: virtual device or simulated telemetry", cut.Find(".chart-legend").TextContent);
        Assert.Equal("white", cut.Find(".scatter-point[data-group='iPhone 15'] circle").GetAttribute("fill"));
    }

    [Fact]
    public void Bars_are_grouped_by_category_with_spread_whiskers_and_a_zero_based_axis()
    {
        BarValue[] bars =
        [
            new("Pixel 7", "F16", 10.2, 0.3, "t"), new("Pixel 7", "Q4_0", 29.8, 0.9, "t"),
            new("iPhone 15", "F16", 14.0, 0.4, "t"), new("iPhone 15", "Q4_0", null, null, "not measured"),
        ];

        var cut = Render<GroupedBarChart>(p => p.Add(c => c.Bars, bars).Add(c => c.XTitle, "device model").Add(c => c.YTitle, "decode speed (tokens/s)"));

        Assert.Equal(3, cut.FindAll(".bar").Count); // the unmeasured one is not drawn as a zero
        Assert.All(cut.FindAll(".bar"), bar => Assert.Equal(3, bar.QuerySelectorAll("line").Length));
        Assert.Equal("0", cut.FindAll(".chart-axes text").First().TextContent); // lowest y tick
        Assert.Equal("decode speed (tokens/s)", cut.Find("[data-axis=y]").TextContent);
    }

    [Fact]
    public void A_line_breaks_where_a_point_is_missing_and_bands_mark_phases()
    {
        LineSeries[] series = [new("Q4_0", [(0, 30.1), (1, 31.0), (2, double.NaN), (8, 29.9), (9, 30.2)])];
        XBand[] bands = [new(2, 8, "prefill before Q4_0 repetition 2")];

        var cut = Render<LineChart>(p => p.Add(c => c.Series, series).Add(c => c.Bands, bands).Add(c => c.XTitle, "token").Add(c => c.YTitle, "ms/token"));

        Assert.Equal(2, cut.FindAll(".line-series polyline").Count);
        Assert.Equal("4", cut.Find(".line-series").GetAttribute("data-count"));
        Assert.Equal("prefill before Q4_0 repetition 2", cut.Find(".x-band title").TextContent);
    }

    [Fact]
    public void Trend_points_link_to_their_runs_and_markers_say_what_they_are()
    {
        var nights = Enumerable.Range(0, 10).Select(i => new TrendPoint(new DateOnly(2026, 3, 1).AddDays(i), 20 + (i >= 6 ? 2 : 0), 0.4, $"night {i}", $"/runs/{100 + i}")).ToList();
        TrendMarker[] markers = [new(new DateOnly(2026, 3, 7), TrendMarkerKind.OpenRegression, "regression #3"), new(new DateOnly(2026, 3, 7), TrendMarkerKind.ChangePoint, "change")];

        var cut = Render<TrendChart>(p => p.Add(c => c.Series, [new TrendSeries("Q4_0", nights, markers)]).Add(c => c.YTitle, "decode speed (tokens/s)"));

        Assert.Equal(10, cut.FindAll("a.trend-point").Count);
        Assert.Equal("/runs/100", cut.Find("a.trend-point").GetAttribute("href"));
        Assert.Equal(["openregression", "changepoint"], cut.FindAll(".trend-marker").Select(m => m.GetAttribute("data-kind")));
        Assert.Equal("night (your local date)", cut.Find("[data-axis=x]").TextContent);
    }
}
