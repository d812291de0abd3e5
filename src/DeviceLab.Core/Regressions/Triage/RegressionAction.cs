using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Core.Regressions.Triage;

/// <summary>What the store should do after a night's detection on one series.</summary>
public abstract record RegressionAction;

/// <summary>Record a new regression or improvement.</summary>
/// <param name="Kind">Regression or improvement.</param>
/// <param name="FirstBadNight">First night of the new level.</param>
/// <param name="LastGoodNight">The night before it.</param>
/// <param name="FirstBadRunId">The run of the first bad night, when known.</param>
/// <param name="ChangePoint">The detection: levels, relative change with its interval, p-value.</param>
/// <param name="RestoredNight">Set when a later change in the same detection already restored the
/// level (e.g. a backfill that contains both): the record is opened already closed.</param>
public sealed record OpenRegression(
    ChangeKind Kind, DateOnly FirstBadNight, DateOnly LastGoodNight, Guid? FirstBadRunId, ChangePoint ChangePoint, DateOnly? RestoredNight = null)
    : RegressionAction;

/// <summary>A standing record's change was detected again with more nights behind it: refresh its
/// first bad night (it may move by a night as evidence grows), levels, interval and p-value.</summary>
public sealed record UpdateRegression(Guid Id, DateOnly FirstBadNight, ChangePoint ChangePoint) : RegressionAction;

/// <summary>A later change point brought the level back: the regression is over from <paramref name="RestoredNight"/>.</summary>
public sealed record CloseRegression(Guid Id, DateOnly RestoredNight, ChangePoint RestoringChangePoint) : RegressionAction;
