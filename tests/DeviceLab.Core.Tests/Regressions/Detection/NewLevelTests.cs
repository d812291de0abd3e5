using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Core.Tests.Regressions.Detection;

/// <summary>The series' newest level is judged as a sequential test while it is new (docs/decisions/0106).</summary>
public class NewLevelTests
{
    [Fact]
    public void A_new_level_is_judged_strictly_on_its_first_look_and_more_leniently_on_the_next_nights()
    {
        var defaults = new ChangePointOptions();

        Assert.Equal(0.0005, defaults.MaxPValueFor(levelNights: 3, newest: true), 12); // first look: half of 0.001
        Assert.Equal(0.002, defaults.MaxPValueFor(levelNights: 4, newest: true), 12);
        Assert.Equal(0.002, defaults.MaxPValueFor(levelNights: 5, newest: true), 12);
        Assert.Equal(0.001, defaults.MaxPValueFor(levelNights: 6, newest: true), 12); // no longer new
        Assert.Equal(0.001, defaults.MaxPValueFor(levelNights: 3, newest: false), 12); // an older level, however short
        Assert.Equal(0.038 * 0.95, defaults.MinRelativeMagnitudeFor(levelNights: 4, newest: true), 12);
        Assert.Equal(0.038, defaults.MinRelativeMagnitudeFor(levelNights: 6, newest: true), 12);

        var off = defaults with { NewLevelNights = 0 };
        Assert.Equal(0.001, off.MaxPValueFor(3, newest: true), 12);
        Assert.Equal(0.038, off.MinRelativeMagnitudeFor(3, newest: true), 12);
    }

    [Fact]
    public void A_step_that_fails_its_first_look_is_reported_the_next_night_at_its_exact_night()
    {
        // +8 % at night 40, CV 1 %: clear on its third night already; a first look that asks for p ≤ 1e-30 makes it wait.
        var values = SyntheticNights.Generate(50, cv: 0.01, seed: 7, (40, 0.08));
        var patient = new ChangePointDetector(new ChangePointOptions { FirstLookPValueFactor = 1e-27 });

        Assert.Empty(patient.Detect(values.AsSpan(0, 43)));
        Assert.Equal(40, Assert.Single(patient.Detect(values.AsSpan(0, 44))).Index);
        Assert.Equal(40, Assert.Single(new ChangePointDetector().Detect(values.AsSpan(0, 43))).Index); // the defaults see it on night 3
    }

    [Theory]
    [InlineData(-1, 0.5, 2, 0.95, "NewLevelNights")]
    [InlineData(6, 0, 2, 0.95, "FirstLookPValueFactor")]
    [InlineData(6, 0.5, double.NaN, 0.95, "NewLevelPValueFactor")]
    [InlineData(6, 0.5, 2000, 0.95, "NewLevelPValueFactor")]
    [InlineData(6, 0.5, 2, -0.1, "NewLevelMagnitudeShare")]
    public void Bad_new_level_options_are_refused_naming_the_option(int nights, double firstLook, double later, double share, string named)
    {
        var options = new ChangePointOptions { NewLevelNights = nights, FirstLookPValueFactor = firstLook, NewLevelPValueFactor = later, NewLevelMagnitudeShare = share };

        var error = Assert.Throws<ArgumentException>(() => new ChangePointDetector(options));
        Assert.Contains(named, error.Message);
    }
}
