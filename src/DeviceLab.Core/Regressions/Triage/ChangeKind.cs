namespace DeviceLab.Core.Regressions.Triage;

/// <summary>Whether a change made the metric worse or better.</summary>
public enum ChangeKind
{
    Regression,
    Improvement,
}
