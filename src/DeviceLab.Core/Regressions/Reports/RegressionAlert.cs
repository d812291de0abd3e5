namespace DeviceLab.Core.Regressions.Reports;

/// <summary>
/// The body of a webhook in DeviceLab's plain JSON format (format <c>Json</c>):
/// <c>{"event": "opened", "regression": {…}, "url": "https://…/regressions/42"}</c>.
/// </summary>
/// <param name="Event"><c>opened</c> (a new regression, or improvement if the webhook asked for them) or <c>closed</c>
/// (a later change brought the level back).</param>
/// <param name="Regression">The regression as <c>GET /api/v1/regressions/{id}</c> returns it.</param>
/// <param name="Url">Its page on the dashboard, when the server knows its public address; otherwise null.</param>
public sealed record RegressionAlert(string Event, RegressionReport Regression, string? Url);
