using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Core.Regressions.Triage;

/// <summary>
/// A regression (or improvement) already recorded for a series, in any triage state: the reconciler
/// needs every one of them, including closed and invalid ones, so that nothing is opened twice.
/// </summary>
/// <param name="Id">The stored record's id.</param>
/// <param name="Kind">Regression or improvement.</param>
/// <param name="FirstBadNight">First night of the new level.</param>
/// <param name="MeanBefore">Level before the change, in the metric's unit.</param>
/// <param name="MeanAfter">Level after the change.</param>
/// <param name="RestoredNight">The night a later change restored the old level; null while the change stands.</param>
public sealed record KnownRegression(
    Guid Id, ChangeKind Kind, DateOnly FirstBadNight, double MeanBefore, double MeanAfter, DateOnly? RestoredNight = null)
{
    public ChangeDirection Direction => MeanAfter >= MeanBefore ? ChangeDirection.Increase : ChangeDirection.Decrease;

    /// <summary>True while no later change has restored the level.</summary>
    public bool IsStanding => RestoredNight is null;
}
