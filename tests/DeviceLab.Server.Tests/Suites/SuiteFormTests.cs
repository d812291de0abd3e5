using DeviceLab.Server.Suites;

namespace DeviceLab.Server.Tests.Suites;

public class SuiteFormTests
{
    private static SuiteForm Valid() => new() { Name = "nightly-decode", VariantIds = [1, 2], Tags = ["pixel-7"], Cron = "0 2 * * *" };

    [Fact]
    public void A_complete_form_has_no_problems_and_round_trips_through_a_suite()
    {
        var form = Valid();

        Assert.Empty(form.Problems());
        var suite = new Suite { Name = form.Name, VariantIds = [.. form.VariantIds], DeviceSelector = form.Selector, Parameters = form.Parameters, Cron = form.Cron };
        var again = SuiteForm.From(suite);
        Assert.Equal(form.Parameters, again.Parameters);
        Assert.Equal(form.Selector.Tags, again.Selector.Tags);
    }

    [Fact]
    public void Each_problem_is_reported_on_its_field()
    {
        var form = new SuiteForm { Name = " ", Cron = "every night", Repetitions = 0, MinBatteryPercent = 90, MaxBatteryPercent = 20 };

        var problems = form.Problems();

        Assert.Equal(["cron", "devices", "name", "parameters", "variants"], problems.Keys.Order());
        Assert.Contains(problems["devices"], p => p.Contains("is empty"));
        Assert.Contains(problems["parameters"], p => p.Contains("repetitions"));
        Assert.Contains(problems["parameters"], p => p.Contains("min_battery_percent 90 is above max_battery_percent 20"));
        Assert.Contains("five", problems["cron"].Single());
    }
}
