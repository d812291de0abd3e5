namespace DeviceLab.Server.Regressions;

/// <summary>What people decided about a regression.</summary>
public enum TriageState
{
    Untriaged,
    Acknowledged,

    /// <summary>Not a real change (noise, a broken device).</summary>
    Invalid,
    Fixed,
    WontFix,
}
