namespace DeviceLab.Server.Regressions;

/// <summary>Open until a later change point restores the level (or a person closes it).</summary>
public enum RegressionStatus
{
    Open,
    Closed,
}
