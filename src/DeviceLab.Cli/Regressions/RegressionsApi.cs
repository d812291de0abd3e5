using DeviceLab.Cli.Api;
using DeviceLab.Core.Regressions.Reports;

namespace DeviceLab.Cli.Regressions;

/// <summary>The regression calls of the DeviceLab API.</summary>
public static class RegressionsApi
{
    /// <summary>Filters of <c>GET /api/v1/regressions</c>; null leaves one out.</summary>
    public sealed record ListFilter(
        string? Status = null, string? Triage = null, string? Direction = null, string? Suite = null, string? DeviceModel = null,
        string? Model = null, string? Variant = null, string? Metric = null, int? Limit = null);

    public static Task<RegressionList> ListRegressionsAsync(this ApiClient client, ListFilter filter, CancellationToken cancellationToken)
    {
        var query = new (string Name, string? Value)[]
        {
            ("status", filter.Status), ("triage", filter.Triage), ("direction", filter.Direction), ("suite", filter.Suite),
            ("deviceModel", filter.DeviceModel), ("model", filter.Model), ("variant", filter.Variant), ("metric", filter.Metric),
            ("limit", filter.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}");
        var queryString = string.Join('&', query);
        return client.GetAsync<RegressionList>($"api/v1/regressions{(queryString.Length == 0 ? "" : "?" + queryString)}", cancellationToken);
    }

    public static Task<RegressionDetail> GetRegressionAsync(this ApiClient client, long id, CancellationToken cancellationToken) =>
        client.GetAsync<RegressionDetail>($"api/v1/regressions/{id}", cancellationToken);

    public static Task<RegressionDetail> TriageRegressionAsync(this ApiClient client, long id, TriageRequest request, CancellationToken cancellationToken) =>
        client.SendAsync<RegressionDetail>(HttpMethod.Patch, $"api/v1/regressions/{id}/triage", request, cancellationToken);

    public static Task<RunGateReport> GetRunGateAsync(this ApiClient client, long runId, CancellationToken cancellationToken) =>
        client.GetAsync<RunGateReport>($"api/v1/runs/{runId}/gate", cancellationToken);
}
