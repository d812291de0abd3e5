using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Detection;
using DeviceLab.Core.Regressions.Triage;

namespace DeviceLab.Cli.Regressions.Evaluation;

/// <summary>
/// Replays a series as production sees it: each night the detector gets nights 0..t only, the
/// reconciler turns its change points into actions against what is already recorded, and the actions
/// are applied to an in-memory record list. What the harness scores is what a user would have been told.
/// </summary>
public static class SeriesReplay
{
    private static readonly SeriesKey Key = new("evaluation", "synthetic", "synthetic", "Q4_0", "decode_ms_per_token");
    private static readonly DateOnly FirstNight = new(2025, 1, 1);

    /// <summary>A record opened during the replay.</summary>
    /// <param name="OpenedNight">Index of the night whose detection opened it.</param>
    /// <param name="FirstBadNightAtOpen">Index of the first bad night it was opened with.</param>
    /// <param name="FirstBadNight">Index of its first bad night at the end of the replay, after refreshes.</param>
    /// <param name="Kind">Regression or improvement.</param>
    public readonly record struct Opened(int OpenedNight, int FirstBadNightAtOpen, int FirstBadNight, ChangeKind Kind);

    public static List<Opened> Run(double[] values, ChangePointOptions options) =>
        Run(values, new double[values.Length], Enumerable.Repeat(1, values.Length).ToArray(), options);

    /// <summary>Replays a series whose nights carry their repetitions' spread and count.</summary>
    public static List<Opened> Run(SyntheticSeries series, ChangePointOptions options) => Run(series.Values, series.Spreads, series.Counts, options);

    private static List<Opened> Run(double[] values, double[] spreads, int[] counts, ChangePointOptions options)
    {
        var tracker = new ChangePointTracker(options);
        var reconciler = new RegressionReconciler();
        var points = new List<SeriesPoint>(values.Length);
        var records = new List<KnownRegression>();
        var opened = new List<Opened>();

        for (var night = 0; night < values.Length; night++)
        {
            points.Add(new SeriesPoint(FirstNight.AddDays(night), values[night], spreads[night], counts[night]));
            var changePoints = tracker.Add(values[night], spreads[night], counts[night]);
            if (changePoints.Count == 0 && records.Count == 0) continue; // nothing to reconcile
            var series = new NightlySeries(Key, MetricDirection.LowerIsBetter, points);
            foreach (var action in reconciler.Reconcile(series, changePoints, records))
            {
                Apply(action, records, night, opened);
            }
        }
        return opened;
    }

    private static void Apply(RegressionAction action, List<KnownRegression> records, int night, List<Opened> opened)
    {
        switch (action)
        {
            case OpenRegression open:
                records.Add(new KnownRegression(IdFor(records.Count), open.Kind, open.FirstBadNight,
                    open.ChangePoint.MeanBefore, open.ChangePoint.MeanAfter, open.RestoredNight));
                opened.Add(new Opened(night, open.ChangePoint.Index, open.ChangePoint.Index, open.Kind));
                break;
            case UpdateRegression update:
                var i = records.FindIndex(r => r.Id == update.Id);
                records[i] = records[i] with
                {
                    FirstBadNight = update.FirstBadNight, MeanBefore = update.ChangePoint.MeanBefore, MeanAfter = update.ChangePoint.MeanAfter,
                };
                opened[i] = opened[i] with { FirstBadNight = update.ChangePoint.Index };
                break;
            case CloseRegression close:
                var j = records.FindIndex(r => r.Id == close.Id);
                records[j] = records[j] with { RestoredNight = close.RestoredNight };
                break;
        }
    }

    private static Guid IdFor(int index) => new(index, 0, 0, new byte[8]);
}
