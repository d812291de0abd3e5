namespace DeviceLab.Server.Regressions.Detection;

/// <summary>
/// That the nightly detection job judged a run (table <c>regression_checks</c>): the run's own job, or a later one
/// that rebuilt the run's night (a backfill). The gate endpoint answers "pending" until this row exists. The counts
/// of opened / refreshed / closed records and rebuilt nights are those of the run's own job (0 when only another
/// run's job judged it). Overwritten when a job runs again.
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
