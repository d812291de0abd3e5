namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// The knobs of <see cref="ChangePointDetector"/>. Defaults are the ones tuned with
/// <c>devicelab regressions evaluate</c>; see docs/decisions/0070-change-point-detection.md for the figures.
/// </summary>
public sealed record ChangePointOptions
{
    /// <summary>Nights per sliding window of the split step. Longer windows see small changes against a
    /// longer baseline; shorter ones separate nearby changes. Windows overlap by half.</summary>
    public int WindowNights { get; init; } = 30;

    /// <summary>A change point is kept only if the t-test between its two neighbouring segments has a
    /// p-value at most this. The split step uses a relaxed threshold (<see cref="WeakPValue"/>).</summary>
    public double MaxPValue { get; init; } = 0.001;

    /// <summary>A change point is kept only if |mean after / mean before − 1| is at least this (0.038 = 3.8 %).
    /// Stops tiny but "significant" differences between long segments from being reported.</summary>
    public double MinRelativeMagnitude { get; init; } = 0.038;

    /// <summary>Fewest nights on either side of a change point. Three means a change is reported on its
    /// third night at the earliest, and that one or two odd nights never form a level of their own.</summary>
    public int MinSegmentNights { get; init; } = 3;

    /// <summary>Coverage of the relative-change confidence interval.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>A night further than this many robust standard deviations from the median of the five
    /// nights around it is an outlier and is replaced by that median before detection. 0 turns it off.</summary>
    public double OutlierThresholdSigmas { get; init; } = 4;

    /// <summary>
    /// Let each night's own spread and repetition count (<see cref="SeriesPoint.Spread"/>, <see cref="SeriesPoint.N"/>)
    /// take part: where the nights scatter no more than their repetitions' spread explains (F-test, p &gt; 0.01), a change
    /// is tested against that known variance with the repetitions' many degrees of freedom instead of the nights' own
    /// scatter. Off by default: on phones the night-to-night spread is usually larger than the within-night one
    /// (docs/decisions/0072, 0104), and then the test falls back to Student's anyway.
    /// </summary>
    public bool UseNightSpread { get; init; }

    /// <summary>
    /// While the series' newest level has fewer nights than this, it is judged as a sequential test (0 turns this off):
    /// its first look — the night it reaches <see cref="MinSegmentNights"/> — must pass
    /// <see cref="FirstLookPValueFactor"/> × <see cref="MaxPValue"/>, later looks <see cref="NewLevelPValueFactor"/> ×
    /// <see cref="MaxPValue"/>; every look has a magnitude floor of <see cref="NewLevelMagnitudeShare"/> ×
    /// <see cref="MinRelativeMagnitude"/>. Most false alarms are three-night levels (two thirds at the old defaults),
    /// while a real step is most often confirmed on its fourth night: a strict first look and a looser second one spend
    /// the same false-alarm budget where the power is (docs/decisions/0106). Older levels keep the plain thresholds.
    /// Counts nights the outlier filter kept.
    /// </summary>
    public int NewLevelNights { get; init; } = 6;

    /// <summary>Share of <see cref="MaxPValue"/> a new level must reach on its first look (see <see cref="NewLevelNights"/>).</summary>
    public double FirstLookPValueFactor { get; init; } = 0.5;

    /// <summary>Multiple of <see cref="MaxPValue"/> a new level must reach after its first look (see <see cref="NewLevelNights"/>).</summary>
    public double NewLevelPValueFactor { get; init; } = 2;

    /// <summary>Share of <see cref="MinRelativeMagnitude"/> a new level must reach (see <see cref="NewLevelNights"/>).</summary>
    public double NewLevelMagnitudeShare { get; init; } = 0.95;

    /// <summary>The p-value threshold of a change point whose later level has <paramref name="levelNights"/> nights;
    /// <paramref name="newest"/> when that level is the series' newest.</summary>
    public double MaxPValueFor(int levelNights, bool newest) =>
        !IsNewLevel(levelNights, newest) ? MaxPValue
        : MaxPValue * (levelNights <= MinSegmentNights ? FirstLookPValueFactor : NewLevelPValueFactor);

    /// <summary>The magnitude floor of such a change point.</summary>
    public double MinRelativeMagnitudeFor(int levelNights, bool newest) =>
        IsNewLevel(levelNights, newest) ? MinRelativeMagnitude * NewLevelMagnitudeShare : MinRelativeMagnitude;

    private bool IsNewLevel(int levelNights, bool newest) => newest && levelNights < NewLevelNights;

    /// <summary>The split step's threshold: 10 × <see cref="MaxPValue"/> (capped at 0.5), as in Hunter, so
    /// candidates that are weak on their own window still reach the merge step, which decides.</summary>
    public double WeakPValue => Math.Min(0.5, MaxPValue * 10);

    /// <summary>Checks every option, naming the first bad one.</summary>
    /// <exception cref="ArgumentException">An option is outside its range.</exception>
    public ChangePointOptions Validated()
    {
        if (MinSegmentNights < 2)
            throw new ArgumentException($"MinSegmentNights is {MinSegmentNights}; at least 2 nights per side are needed for a variance.", nameof(MinSegmentNights));
        if (WindowNights < 2 * MinSegmentNights)
            throw new ArgumentException($"WindowNights is {WindowNights}; a window must hold two segments of MinSegmentNights ({MinSegmentNights}).", nameof(WindowNights));
        if (!(MaxPValue > 0 && MaxPValue < 1))
            throw new ArgumentException($"MaxPValue is {MaxPValue}; it must be strictly between 0 and 1.", nameof(MaxPValue));
        if (!(MinRelativeMagnitude >= 0) || !double.IsFinite(MinRelativeMagnitude))
            throw new ArgumentException($"MinRelativeMagnitude is {MinRelativeMagnitude}; it must be a finite number ≥ 0.", nameof(MinRelativeMagnitude));
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            throw new ArgumentException($"ConfidenceLevel is {ConfidenceLevel}; it must be strictly between 0 and 1.", nameof(ConfidenceLevel));
        if (NewLevelNights < 0)
            throw new ArgumentException($"NewLevelNights is {NewLevelNights}; it must be ≥ 0 (0 = off).", nameof(NewLevelNights));
        if (!(FirstLookPValueFactor > 0) || !double.IsFinite(FirstLookPValueFactor))
            throw new ArgumentException($"FirstLookPValueFactor is {FirstLookPValueFactor}; it must be a finite number > 0.", nameof(FirstLookPValueFactor));
        if (!(NewLevelPValueFactor > 0) || !double.IsFinite(NewLevelPValueFactor))
            throw new ArgumentException($"NewLevelPValueFactor is {NewLevelPValueFactor}; it must be a finite number > 0.", nameof(NewLevelPValueFactor));
        if (MaxPValue * Math.Max(FirstLookPValueFactor, NewLevelPValueFactor) >= 1)
            throw new ArgumentException($"MaxPValue × the new-level factors reaches {MaxPValue * Math.Max(FirstLookPValueFactor, NewLevelPValueFactor)}; a p-value threshold must stay below 1.", nameof(NewLevelPValueFactor));
        if (!(NewLevelMagnitudeShare >= 0) || !double.IsFinite(NewLevelMagnitudeShare))
            throw new ArgumentException($"NewLevelMagnitudeShare is {NewLevelMagnitudeShare}; it must be a finite number ≥ 0.", nameof(NewLevelMagnitudeShare));
        if (!(OutlierThresholdSigmas >= 0) || !double.IsFinite(OutlierThresholdSigmas))
            throw new ArgumentException($"OutlierThresholdSigmas is {OutlierThresholdSigmas}; it must be a finite number ≥ 0 (0 = off).", nameof(OutlierThresholdSigmas));
        return this;
    }
}
