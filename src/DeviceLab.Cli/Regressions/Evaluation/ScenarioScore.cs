using DeviceLab.Core.Regressions.Triage;

namespace DeviceLab.Cli.Regressions.Evaluation;

/// <summary>
/// Scores replays of one scenario against the injected step.
/// </summary>
/// <remarks>
/// <para>The step's <em>detection</em> is the first record of the step's kind opened on or after the
/// step's night whose first bad night (as opened, or as refreshed by the end of the replay) is within
/// ±<see cref="AttributionNights"/> of the true one. Its localisation error is measured on the first bad
/// night it was opened with. It counts for recall only when that error, or the refreshed one, is at most
/// <see cref="ToleranceNights"/>.</para>
/// <para>Every other opened record is a false alarm: noise, a record of the wrong kind, or a duplicate of
/// the step's detection. A badly placed detection is therefore a miss for recall but not a false alarm.</para>
/// </remarks>
public sealed class ScenarioScore(Scenario scenario)
{
    public const int ToleranceNights = 2;
    public const int AttributionNights = 10;
    public const int DeadlineNights = 3;

    private readonly List<int> _delays = [];
    private readonly List<int> _localisationErrors = [];

    public Scenario Scenario { get; } = scenario;
    public int Series { get; private set; }
    public int SeriesWithStep { get; private set; }
    public long SeriesNights { get; private set; }
    public int FalseAlarms { get; private set; }

    public void Add(SyntheticSeries series, IReadOnlyList<SeriesReplay.Opened> opened)
    {
        Series++;
        SeriesNights += series.Values.Length;
        var detection = -1;
        if (series.StepNight is { } step)
        {
            SeriesWithStep++;
            detection = FindDetection(series, step, opened);
            if (detection >= 0)
            {
                var record = opened[detection];
                var error = Math.Min(Math.Abs(record.FirstBadNightAtOpen - step), Math.Abs(record.FirstBadNight - step));
                _localisationErrors.Add(Math.Abs(record.FirstBadNightAtOpen - step));
                if (error <= ToleranceNights) _delays.Add(record.OpenedNight - step);
            }
        }
        FalseAlarms += opened.Count - (detection >= 0 ? 1 : 0);
    }

    private static int FindDetection(SyntheticSeries series, int step, IReadOnlyList<SeriesReplay.Opened> opened)
    {
        for (var i = 0; i < opened.Count; i++)
        {
            var record = opened[i];
            var near = Math.Min(Math.Abs(record.FirstBadNightAtOpen - step), Math.Abs(record.FirstBadNight - step)) <= AttributionNights;
            if (record.Kind == series.StepKind && record.OpenedNight >= step && near) return i;
        }
        return -1;
    }

    /// <summary>Share of stepped series whose step was found (at any time) within ±<see cref="ToleranceNights"/>; NaN without steps.</summary>
    public double Recall => SeriesWithStep == 0 ? double.NaN : (double)_delays.Count / SeriesWithStep;

    /// <summary>Share of stepped series whose step was found within the tolerance at most <see cref="DeadlineNights"/> nights after it.</summary>
    public double RecallWithinDeadline => RecallWithin(DeadlineNights);

    /// <summary>Share of stepped series whose step was found within the tolerance at most <paramref name="nights"/> nights after
    /// it (a delay of 1: opened on the night after the step's first night).</summary>
    public double RecallWithin(int nights) => SeriesWithStep == 0 ? double.NaN : (double)_delays.Count(d => d <= nights) / SeriesWithStep;

    /// <summary>Nights from the step to the night it was first reported, median over found steps.</summary>
    public double MedianDelayNights => Quantile(_delays, 0.5);

    public double P90DelayNights => Quantile(_delays, 0.9);

    /// <summary>Mean |first bad night as opened − true first bad night| over every detection of the step, in nights.</summary>
    public double MeanLocalisationErrorNights => _localisationErrors.Count == 0 ? double.NaN : _localisationErrors.Average();

    public double FalseAlarmsPer1000SeriesNights => SeriesNights == 0 ? 0 : 1000.0 * FalseAlarms / SeriesNights;

    private static double Quantile(List<int> values, double fraction)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Select(v => (double)v).Order().ToArray();
        return DeviceLab.Core.Statistics.SampleSummary.Percentile(sorted, fraction);
    }
}
