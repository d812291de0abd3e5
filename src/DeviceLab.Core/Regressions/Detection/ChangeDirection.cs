namespace DeviceLab.Core.Regressions.Detection;

/// <summary>Which way the level moved at a change point, in raw values (not better/worse).</summary>
public enum ChangeDirection
{
    Increase,
    Decrease,
}
