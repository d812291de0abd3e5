namespace DeviceLab.Server.Regressions.Detection;

/// <summary>
/// That the nightly detection job processed a run, and what it did (table <c>regression_checks</c>). The gate
/// endpoint answers "pending" until this row exists. Overwritten when the job runs again for the same run.
/// </summary>
public sealed class RegressionCheck
{
    public long RunId { get; set; }
    public long SuiteId { get; set; }
    public DateOnly Night { get; set; }

    /// <summary>Nights whose points were rebuilt (the run's night, plus earlier nights that had none).</summary>
    public int NightsRebuilt { get; set; }
    public int SeriesChecked { get; set; }
    public int Opened { get; set; }
    public int Updated { get; set; }
    public int Closed { get; set; }
    public int GateFailures { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
}
