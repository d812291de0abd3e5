using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Core.Regressions.Triage;

/// <summary>Turns a raw direction into worse/better for a metric.</summary>
public static class ChangeKinds
{
    public static ChangeKind Of(ChangeDirection change, MetricDirection metric) =>
        (change, metric) switch
        {
            (ChangeDirection.Increase, MetricDirection.LowerIsBetter) => ChangeKind.Regression,
            (ChangeDirection.Decrease, MetricDirection.HigherIsBetter) => ChangeKind.Regression,
            _ => ChangeKind.Improvement,
        };
}
