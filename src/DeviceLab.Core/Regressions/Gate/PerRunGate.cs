using DeviceLab.Core.Regressions.Detection;
using DeviceLab.Core.Regressions.Triage;
using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.Regressions.Gate;

/// <summary>
/// A same-night check for CI: is the newest night much worse than the nights before it? The change-point
/// detector needs a few nights of a new level before it speaks; this gate fails the very first night of
/// a large regression.
/// </summary>
/// <remarks>
/// The newest night is one observation, so it is tested against the baseline's t prediction interval
/// (<see cref="NewObservationTest"/>), not with a two-sample test: its uncertainty is the baseline's
/// night-to-night spread, which its own repetitions' spread (within one night) understates. It fails only
/// when it is both worse by at least <see cref="PerRunGateOptions.MinRelativeChange"/> and outside the
/// interval at <see cref="PerRunGateOptions.MaxPValue"/>. One bad night (a hot phone) can fail it; that is
/// the price of a same-night answer, and the nightly detector will not open a regression for it.
/// </remarks>
public sealed class PerRunGate
{
    private readonly PerRunGateOptions _options;

    public PerRunGate(PerRunGateOptions? options = null) => _options = (options ?? new PerRunGateOptions()).Validated();

    /// <summary>Judges the series' last night against the nights before it.</summary>
    /// <param name="series">The series including the new night as its last point.</param>
    /// <param name="baselineSince">Ignore nights before this one, e.g. the first night of the latest
    /// accepted change, so an old level does not widen the baseline.</param>
    /// <exception cref="ArgumentException">The series is empty.</exception>
    public GateResult Check(NightlySeries series, DateOnly? baselineSince = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException($"Series {series.Key} has no nights to judge.", nameof(series));
        var night = series.Points[^1];
        var baseline = series.Points
            .Take(series.Count - 1)
            .Where(p => baselineSince is null || p.Night >= baselineSince)
            .TakeLast(_options.BaselineNights)
            .Select(p => p.Median)
            .ToArray();

        if (baseline.Length < _options.MinBaselineNights)
        {
            return new GateResult(GateVerdict.NotEnoughBaseline, night.Night, night.Median, double.NaN, baseline.Length, double.NaN, double.NaN,
                $"{series.Key.Metric} on {night.Night:yyyy-MM-dd}: only {baseline.Length} baseline night(s), {_options.MinBaselineNights} needed for a verdict.");
        }

        var summary = SampleSummary.Of(baseline);
        var test = NewObservationTest.Compare(summary, night.Median);
        var relative = summary.Mean == 0 ? double.NaN : night.Median / summary.Mean - 1;
        var direction = test.MeanDifference > 0 ? ChangeDirection.Increase : ChangeDirection.Decrease;
        var worse = test.MeanDifference != 0 && ChangeKinds.Of(direction, series.Direction) == ChangeKind.Regression;
        var fails = worse && Math.Abs(relative) >= _options.MinRelativeChange && test.PValue <= _options.MaxPValue;

        var comparison = $"{series.Key.Metric} {night.Median:G4} on {night.Night:yyyy-MM-dd} is {relative:+0.0%;-0.0%} against the " +
                         $"{baseline.Length}-night baseline {summary.Mean:G4} (p = {test.PValue:G2})";
        var reason = fails
            ? $"{comparison}: worse by more than {_options.MinRelativeChange:0.#%} and outside the baseline's spread."
            : $"{comparison}: {(worse ? "within the gate's bounds" : "not worse")}.";
        return new GateResult(fails ? GateVerdict.Fail : GateVerdict.Pass, night.Night, night.Median, summary.Mean, baseline.Length, relative, test.PValue, reason);
    }
}
