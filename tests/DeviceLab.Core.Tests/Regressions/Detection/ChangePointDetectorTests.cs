using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Core.Tests.Regressions.Detection;

public class ChangePointDetectorTests
{
    private readonly ChangePointDetector _detector = new();

    [Fact]
    public void A_clean_step_is_found_at_its_exact_night_with_both_levels()
    {
        var values = SyntheticNights.Generate(60, cv: 0, seed: 1, (40, 0.10));

        var changePoint = Assert.Single(_detector.Detect(values));

        Assert.Equal(40, changePoint.Index);
        Assert.Equal(50.0, changePoint.MeanBefore, 9);
        Assert.Equal(55.0, changePoint.MeanAfter, 9);
        Assert.Equal(40, changePoint.Before.Count);
        Assert.Equal(20, changePoint.After.Count);
        Assert.Equal(0.10, changePoint.RelativeChange, 9);
        Assert.Equal(ChangeDirection.Increase, changePoint.Direction);
        Assert.Equal(0, changePoint.PValue);
    }

    [Theory]
    [InlineData(25, -0.05)]
    [InlineData(33, 0.05)]
    [InlineData(48, 0.08)]
    public void A_step_in_noise_is_found_at_its_exact_night(int stepNight, double change)
    {
        // CV 1 %, seed 7: a 5–8 % step is 5–8 noise standard deviations.
        var values = SyntheticNights.Generate(60, cv: 0.01, seed: 7, (stepNight, change));

        var changePoint = Assert.Single(_detector.Detect(values));

        Assert.Equal(stepNight, changePoint.Index);
        Assert.Equal(change > 0 ? ChangeDirection.Increase : ChangeDirection.Decrease, changePoint.Direction);
        Assert.True(changePoint.RelativeChangeInterval.Contains(change),
            $"interval {changePoint.RelativeChangeInterval} should contain the true change {change}");
        Assert.True(changePoint.PValue < 1e-6, $"p = {changePoint.PValue}");
    }

    [Fact]
    public void Pure_noise_of_seed_20250101_has_no_change_point()
    {
        // 120 nights of Gaussian noise at CV 2 %, the lab's quietest metrics.
        var values = SyntheticNights.Generate(120, cv: 0.02, seed: 20250101);

        Assert.Empty(_detector.Detect(values));
    }

    [Fact]
    public void Two_nearby_steps_are_both_found()
    {
        // +6 % at night 30 and another +6 % eight nights later, CV 1 %.
        var values = SyntheticNights.Generate(60, cv: 0.01, seed: 3, (30, 0.06), (38, 0.06));

        var changePoints = _detector.Detect(values);

        Assert.Equal([30, 38], changePoints.Select(c => c.Index));
        Assert.All(changePoints, c => Assert.Equal(ChangeDirection.Increase, c.Direction));
        Assert.Equal(changePoints[0].MeanAfter, changePoints[1].MeanBefore, 9); // segments chain
    }

    [Fact]
    public void A_single_outlier_night_is_not_a_change_point_even_as_the_newest_night()
    {
        var values = SyntheticNights.Generate(60, cv: 0.02, seed: 11);
        values[30] *= 1.30; // one throttled night, 15 noise standard deviations slow

        for (var nights = 25; nights <= values.Length; nights++)
        {
            Assert.Empty(_detector.Detect(values.AsSpan(0, nights)));
        }
    }

    [Fact]
    public void Two_hot_nights_in_a_row_are_left_out_rather_than_read_as_a_new_level()
    {
        var values = SyntheticNights.Generate(60, cv: 0.02, seed: 11);
        values[30] *= 1.30;
        values[31] *= 1.25;
        var withoutOutlierHandling = new ChangePointDetector(new ChangePointOptions { OutlierThresholdSigmas = 0 });

        // Without leaving them out, the two nights drag a three-night segment into a "change" at night 32.
        Assert.NotEmpty(withoutOutlierHandling.Detect(values.AsSpan(0, 33)));
        for (var nights = 25; nights <= values.Length; nights++)
        {
            Assert.Empty(_detector.Detect(values.AsSpan(0, nights)));
        }
    }

    [Fact]
    public void The_tracker_gives_the_detector_s_answer_every_night()
    {
        var values = SyntheticNights.Generate(90, cv: 0.02, seed: 5, (30, 0.06), (55, -0.08));
        values[44] *= 1.25;
        values[70] *= 0.8;
        var tracker = new ChangePointTracker();

        for (var night = 0; night < values.Length; night++)
        {
            var incremental = tracker.Add(values[night]);
            var batch = _detector.Detect(values.AsSpan(0, night + 1));
            Assert.Equal(batch, incremental);
        }
        Assert.Equal(values.Length, tracker.Count);
    }

    [Fact]
    public void Too_short_or_constant_series_have_no_change_point()
    {
        Assert.Empty(_detector.Detect([]));
        Assert.Empty(_detector.Detect([50, 51, 49, 60, 61]));
        Assert.Empty(_detector.Detect(Enumerable.Repeat(50.0, 40).ToArray()));
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_refused_naming_the_night()
    {
        var values = SyntheticNights.Generate(20, cv: 0.02, seed: 1);
        values[12] = double.NaN;

        var error = Assert.Throws<ArgumentException>(() => _detector.Detect(values));
        Assert.Contains("Night 12", error.Message);

        var tracker = new ChangePointTracker();
        tracker.Add(50);
        Assert.Throws<ArgumentException>(() => tracker.Add(double.PositiveInfinity));
        Assert.Equal(1, tracker.Count); // the bad night was not added
    }

    [Theory]
    [InlineData(1, 30, 0.001, "MinSegmentNights")]
    [InlineData(3, 5, 0.001, "WindowNights")]
    [InlineData(3, 30, 0, "MaxPValue")]
    [InlineData(3, 30, 1.5, "MaxPValue")]
    public void Invalid_options_are_refused_naming_the_option(int minSegment, int window, double pValue, string named)
    {
        var options = new ChangePointOptions { MinSegmentNights = minSegment, WindowNights = window, MaxPValue = pValue };

        var error = Assert.Throws<ArgumentException>(() => new ChangePointDetector(options));
        Assert.Contains(named, error.Message);
    }
}
