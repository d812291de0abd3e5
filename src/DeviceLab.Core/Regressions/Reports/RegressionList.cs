namespace DeviceLab.Core.Regressions.Reports;

/// <summary>A page of <c>GET /api/v1/regressions</c>: newest first-bad night first.</summary>
/// <param name="Items">The regressions on this page.</param>
/// <param name="Total">How many match the filters in all.</param>
public sealed record RegressionList(IReadOnlyList<RegressionReport> Items, int Total);
