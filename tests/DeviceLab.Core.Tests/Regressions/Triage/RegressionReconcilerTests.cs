using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Detection;
using DeviceLab.Core.Regressions.Triage;

namespace DeviceLab.Core.Tests.Regressions.Triage;

public class RegressionReconcilerTests
{
    private static readonly DateOnly FirstNight = new(2025, 3, 1);
    private readonly ChangePointDetector _detector = new();
    private readonly RegressionReconciler _reconciler = new();

    private static NightlySeries Series(double[] values, MetricDirection direction = MetricDirection.LowerIsBetter, string metric = "decode_ms_per_token") =>
        new(new SeriesKey("nightly", "Pixel 8", "tinyllama", "Q4_0", metric), direction,
            values.Select((v, i) => new SeriesPoint(FirstNight.AddDays(i), v, 0.5, 5, new Guid(i, 0, 0, new byte[8]))));

    private static DateOnly Night(int index) => FirstNight.AddDays(index);

    private IReadOnlyList<RegressionAction> Reconcile(NightlySeries series, params KnownRegression[] known) =>
        _reconciler.Reconcile(series, _detector.Detect(series), known);

    [Fact]
    public void A_slowdown_opens_a_regression_with_its_first_bad_night_size_and_run()
    {
        var series = Series(SyntheticNights.Generate(50, cv: 0.01, seed: 2, (40, 0.10)));

        var open = Assert.IsType<OpenRegression>(Assert.Single(Reconcile(series)));

        Assert.Equal(ChangeKind.Regression, open.Kind);
        Assert.Equal(Night(40), open.FirstBadNight);
        Assert.Equal(Night(39), open.LastGoodNight);
        Assert.Equal(series.Points[40].RunId, open.FirstBadRunId);
        Assert.True(open.ChangePoint.RelativeChangeInterval.Contains(0.10));
        Assert.Null(open.RestoredNight);
    }

    [Fact]
    public void Which_way_is_worse_follows_the_metric()
    {
        var faster = SyntheticNights.Generate(50, cv: 0.01, seed: 2, (40, -0.10));

        var msPerToken = Assert.IsType<OpenRegression>(Assert.Single(Reconcile(Series(faster))));
        var tokensPerSecond = Assert.IsType<OpenRegression>(Assert.Single(Reconcile(Series(faster, MetricDirection.HigherIsBetter, "decode_tokens_per_s"))));

        Assert.Equal(ChangeKind.Improvement, msPerToken.Kind);
        Assert.Equal(ChangeKind.Regression, tokensPerSecond.Kind);
    }

    [Fact]
    public void A_recorded_change_is_never_opened_again_only_refreshed_while_it_stands()
    {
        var series = Series(SyntheticNights.Generate(55, cv: 0.01, seed: 2, (40, 0.10)));
        var id = Guid.NewGuid();
        // Recorded two nights ago with fewer nights behind it: first bad night one off, older levels.
        var recorded = new KnownRegression(id, ChangeKind.Regression, Night(41), MeanBefore: 49.9, MeanAfter: 55.3);

        var update = Assert.IsType<UpdateRegression>(Assert.Single(Reconcile(series, recorded)));
        Assert.Equal(id, update.Id);
        Assert.Equal(Night(40), update.FirstBadNight);

        // Already restored (or triaged away and restored): nothing at all, certainly no second record.
        Assert.Empty(Reconcile(series, recorded with { RestoredNight = Night(80) }));
    }

    [Fact]
    public void A_later_change_that_restores_the_level_closes_the_regression_and_is_not_an_improvement()
    {
        var series = Series(SyntheticNights.Generate(70, cv: 0.01, seed: 4, (30, 0.10), (50, -1.0 / 11)));
        var id = Guid.NewGuid();
        var recorded = new KnownRegression(id, ChangeKind.Regression, Night(30), MeanBefore: 50, MeanAfter: 55);

        var actions = Reconcile(series, recorded);

        Assert.DoesNotContain(actions, a => a is OpenRegression);
        var close = Assert.Single(actions.OfType<CloseRegression>());
        Assert.Equal(id, close.Id);
        Assert.Equal(Night(50), close.RestoredNight);
        Assert.Equal(Night(30), Assert.Single(actions.OfType<UpdateRegression>()).FirstBadNight); // levels refreshed first

        // The next night the restoration is known: neither reopened nor reported as an improvement.
        Assert.Empty(Reconcile(series, recorded with { RestoredNight = Night(50) }));
    }

    [Fact]
    public void A_regression_and_its_restoration_in_one_backfill_open_already_closed()
    {
        var series = Series(SyntheticNights.Generate(70, cv: 0.01, seed: 4, (30, 0.10), (50, -1.0 / 11)));

        var open = Assert.IsType<OpenRegression>(Assert.Single(Reconcile(series)));

        Assert.Equal(Night(30), open.FirstBadNight);
        Assert.Equal(Night(50), open.RestoredNight);
    }

    [Fact]
    public void A_partial_recovery_is_an_improvement_not_a_restoration()
    {
        // +20 %, then back down by only a quarter of it (60 → 57.5, the midpoint being 55).
        var series = Series(SyntheticNights.Generate(70, cv: 0.005, seed: 4, (30, 0.20), (50, 1.15 / 1.20 - 1)));
        var recorded = new KnownRegression(Guid.NewGuid(), ChangeKind.Regression, Night(30), MeanBefore: 50, MeanAfter: 60);

        var actions = Reconcile(series, recorded);

        Assert.DoesNotContain(actions, a => a is CloseRegression);
        var open = Assert.Single(actions.OfType<OpenRegression>());
        Assert.Equal(ChangeKind.Improvement, open.Kind);
        Assert.Equal(Night(50), open.FirstBadNight);
    }

    [Fact]
    public void A_stale_regression_the_detector_no_longer_sees_does_not_swallow_a_real_improvement()
    {
        var series = Series(SyntheticNights.Generate(60, cv: 0.01, seed: 8, (45, -0.08)));
        // Opened weeks ago on a noisy night; no longer a change point of the series.
        var stale = new KnownRegression(Guid.NewGuid(), ChangeKind.Regression, Night(12), MeanBefore: 50, MeanAfter: 52);

        var open = Assert.IsType<OpenRegression>(Assert.Single(Reconcile(series, stale)));

        Assert.Equal(ChangeKind.Improvement, open.Kind);
        Assert.Equal(Night(45), open.FirstBadNight);
    }

    [Fact]
    public void Replayed_night_by_night_an_outlier_never_opens_a_regression_and_a_step_opens_exactly_one()
    {
        var values = SyntheticNights.Generate(60, cv: 0.02, seed: 11, (45, 0.10));
        values[25] *= 1.35; // one hot night
        var tracker = new ChangePointTracker();
        var known = new List<KnownRegression>();
        var opened = new List<(int Night, OpenRegression Open)>();

        for (var night = 0; night < values.Length; night++)
        {
            var changePoints = tracker.Add(values[night]);
            var series = Series(values[..(night + 1)]);
            foreach (var action in _reconciler.Reconcile(series, changePoints, known))
            {
                switch (action)
                {
                    case OpenRegression open:
                        opened.Add((night, open));
                        known.Add(new KnownRegression(Guid.NewGuid(), open.Kind, open.FirstBadNight, open.ChangePoint.MeanBefore, open.ChangePoint.MeanAfter));
                        break;
                    case UpdateRegression update:
                        var i = known.FindIndex(k => k.Id == update.Id);
                        known[i] = known[i] with { FirstBadNight = update.FirstBadNight, MeanBefore = update.ChangePoint.MeanBefore, MeanAfter = update.ChangePoint.MeanAfter };
                        break;
                }
            }
        }

        var (openedNight, regression) = Assert.Single(opened);
        Assert.Equal(Night(45), regression.FirstBadNight);
        Assert.InRange(openedNight, 47, 48); // found on the step's third or fourth night
        Assert.Equal(Night(45), Assert.Single(known).FirstBadNight);
    }

    [Fact]
    public void A_change_point_outside_the_series_is_refused()
    {
        var series = Series(SyntheticNights.Generate(20, cv: 0.01, seed: 1));
        var outside = _detector.Detect(SyntheticNights.Generate(60, cv: 0.01, seed: 1, (40, 0.1)));

        var error = Assert.Throws<ArgumentException>(() => _reconciler.Reconcile(series, outside, []));
        Assert.Contains("outside series", error.Message);
    }
}
