using DeviceLab.Core.Regressions;

namespace DeviceLab.Server.Regressions.Triage;

/// <summary>One triage change of a regression (table <c>triage_entries</c>): who set which state, when, and why.</summary>
public sealed class TriageEntry
{
    public long Id { get; set; }

    public long RegressionId { get; set; }
    public Regression Regression { get; set; } = null!;

    public TriageState State { get; set; }
    public string? Note { get; set; }

    /// <summary>The user or API key name that made the change.</summary>
    public required string By { get; set; }

    public DateTimeOffset At { get; set; }
}
