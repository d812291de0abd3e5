namespace DeviceLab.Core.Regressions.Reports;

/// <summary><c>GET /api/v1/regressions/{id}</c>: the regression, the nights of its series around it and its triage history.</summary>
/// <param name="Regression">The regression.</param>
/// <param name="Window">Nightly points of its series from a few weeks before the first bad night to a few weeks after
/// (or to the newest night), oldest first.</param>
/// <param name="TriageHistory">Every triage change, oldest first.</param>
public sealed record RegressionDetail(RegressionReport Regression, IReadOnlyList<SeriesPointReport> Window, IReadOnlyList<TriageEntryReport> TriageHistory);

/// <summary>One night of a series.</summary>
/// <param name="Night">The night (the runs' start date in the server's night time zone).</param>
/// <param name="Median">Median over the night's results (devices × runs), in the metric's unit.</param>
/// <param name="Spread">Standard deviation of all the night's measurements pooled.</param>
/// <param name="Count">Measurements behind the point (repetitions, or tokens for per-token metrics).</param>
/// <param name="Results">Results (device × run) behind the point.</param>
/// <param name="RunIds">The runs of the night.</param>
/// <param name="Virtual">Measured on a DeviceLab virtual device.</param>
/// <param name="Simulated">Some telemetry behind it was simulated.</param>
public sealed record SeriesPointReport(DateOnly Night, double Median, double Spread, long Count, int Results, IReadOnlyList<long> RunIds, bool Virtual, bool Simulated);

/// <summary>One triage change.</summary>
public sealed record TriageEntryReport(TriageState State, string? Note, string By, DateTimeOffset At);
