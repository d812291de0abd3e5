using Bunit;
using DeviceLab.Server.Components.Formatting;

namespace DeviceLab.Server.Tests.Components.Formatting;

public class MeasuredTests : DashboardComponentContext
{
    [Fact]
    public void Renders_value_spread_and_unit_apart_with_n_in_the_tooltip()
    {
        var cut = Render<Measured>(p => p.Add(m => m.Value, 21.734).Add(m => m.Spread, 0.62).Add(m => m.Unit, "tokens/s").Add(m => m.Count, 10)
            .Add(m => m.Detail, "p50 21.7, p90 22.5"));

        Assert.Equal("21.73", cut.Find(".measured-value").TextContent);
        Assert.Equal("± 0.62", cut.Find(".measured-spread").TextContent.Trim());
        Assert.Equal("tokens/s", cut.Find(".measured-unit").TextContent.Trim());
        var tooltip = cut.Find(".measured").GetAttribute("title")!;
        Assert.Contains("n = 10", tooltip);
        Assert.Contains("p50 21.7, p90 22.5", tooltip);
        Assert.Contains("(stddev)", tooltip);
    }

    [Fact]
    public void An_invalid_value_is_greyed_and_says_why()
    {
        var cut = Render<Measured>(p => p.Add(m => m.Value, 4.2).Add(m => m.Unit, "mJ/token").Add(m => m.Invalid, "measured while charging"));

        Assert.Contains("measured-invalid", cut.Find(".measured").ClassName);
        Assert.Contains("not valid: measured while charging", cut.Find(".measured").GetAttribute("title"));
    }

    [Fact]
    public void Table_cells_can_leave_the_unit_to_the_header_and_missing_values_show_a_dash()
    {
        var noUnit = Render<Measured>(p => p.Add(m => m.Value, 3.0).Add(m => m.Unit, "ms").Add(m => m.ShowUnit, false));
        Assert.Empty(noUnit.FindAll(".measured-unit"));

        var missing = Render<Measured>(p => p.Add(m => m.Value, (double?)null).Add(m => m.Unit, "ms"));
        Assert.Equal("—", missing.Find(".measured").TextContent.Trim());
        Assert.Equal("not measured", missing.Find(".measured").GetAttribute("title"));
    }
}
