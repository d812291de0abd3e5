namespace DeviceLab.Core.Regressions.Gate;

/// <summary>Thresholds of <see cref="PerRunGate"/>; both must be crossed for a night to fail.</summary>
public sealed record PerRunGateOptions
{
    /// <summary>How many of the latest nights before the new one form the baseline.</summary>
    public int BaselineNights { get; init; } = 14;

    /// <summary>Below this many baseline nights the gate gives no verdict rather than a guess.</summary>
    public int MinBaselineNights { get; init; } = 5;

    /// <summary>The new night must be at least this much worse than the baseline mean (0.10 = 10 %):
    /// the gate is for large regressions only; the nightly detector finds the small ones.</summary>
    public double MinRelativeChange { get; init; } = 0.10;

    /// <summary>…and outside the baseline's prediction interval at this two-sided p-value.</summary>
    public double MaxPValue { get; init; } = 0.001;

    /// <exception cref="ArgumentException">An option is outside its range; the message names it.</exception>
    public PerRunGateOptions Validated()
    {
        if (MinBaselineNights < 2)
            throw new ArgumentException($"MinBaselineNights is {MinBaselineNights}; a baseline needs at least 2 nights for a spread.", nameof(MinBaselineNights));
        if (BaselineNights < MinBaselineNights)
            throw new ArgumentException($"BaselineNights ({BaselineNights}) is below MinBaselineNights ({MinBaselineNights}).", nameof(BaselineNights));
        if (!(MinRelativeChange >= 0) || !double.IsFinite(MinRelativeChange))
            throw new ArgumentException($"MinRelativeChange is {MinRelativeChange}; it must be a finite number ≥ 0.", nameof(MinRelativeChange));
        if (!(MaxPValue > 0 && MaxPValue < 1))
            throw new ArgumentException($"MaxPValue is {MaxPValue}; it must be strictly between 0 and 1.", nameof(MaxPValue));
        return this;
    }
}
