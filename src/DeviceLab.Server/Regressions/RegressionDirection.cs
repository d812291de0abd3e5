namespace DeviceLab.Server.Regressions;

/// <summary>Whether a change made the metric worse or better (for its own sense: lower ms is better).</summary>
public enum RegressionDirection
{
    Regression,
    Improvement,
}
