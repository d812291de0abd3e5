using DeviceLab.Cli.Api;
using DeviceLab.Cli.Runs;
using DeviceLab.Core.Suites;

namespace DeviceLab.Cli.Suites;

/// <summary>A suite as <c>/api/v1/suites</c> shows it (the server's SuiteView).</summary>
/// <param name="NextRunAt">When its schedule fires next (UTC); null without a cron or when disabled.</param>
public sealed record SuiteInfo(
    long Id, string Name, IReadOnlyList<long> VariantIds, DeviceSelector DeviceSelector, SuiteParameters Parameters,
    string? Cron, bool Enabled, DateTimeOffset? NextRunAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A suite to create or replace (the server's SuiteInput).</summary>
public sealed record SuiteInput(string Name, IReadOnlyList<long> VariantIds, DeviceSelector DeviceSelector, SuiteParameters Parameters, string? Cron, bool Enabled = true);

/// <summary>The suite calls of the DeviceLab API.</summary>
public static class SuitesApi
{
    public static Task<List<SuiteInfo>> ListSuitesAsync(this ApiClient client, CancellationToken cancellationToken) =>
        client.GetAsync<List<SuiteInfo>>("api/v1/suites", cancellationToken);

    /// <summary>The suite named or numbered <paramref name="nameOrId"/>.</summary>
    /// <exception cref="ApiException">No such suite (the message lists those there are).</exception>
    public static async Task<SuiteInfo> FindSuiteAsync(this ApiClient client, string nameOrId, CancellationToken cancellationToken)
    {
        if (long.TryParse(nameOrId, out var id)) return await client.GetAsync<SuiteInfo>($"api/v1/suites/{id}", cancellationToken);
        var suites = await client.ListSuitesAsync(cancellationToken);
        return suites.FirstOrDefault(s => string.Equals(s.Name, nameOrId.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ApiException(ApiFailure.NotFound, suites.Count == 0
                ? $"There is no suite '{nameOrId}' on {client.Endpoint.Server}: it has no suites yet."
                : $"There is no suite '{nameOrId}' on {client.Endpoint.Server}; it has: {string.Join(", ", suites.Select(s => s.Name).Take(20))}.", 404);
    }

    public static Task<SuiteInfo> CreateSuiteAsync(this ApiClient client, SuiteInput input, CancellationToken cancellationToken) =>
        client.SendAsync<SuiteInfo>(HttpMethod.Post, "api/v1/suites", input, cancellationToken);

    public static Task<SuiteInfo> ReplaceSuiteAsync(this ApiClient client, long id, SuiteInput input, CancellationToken cancellationToken) =>
        client.SendAsync<SuiteInfo>(HttpMethod.Put, $"api/v1/suites/{id}", input, cancellationToken);

    /// <summary>Runs the suite now.</summary>
    public static Task<RunInfo> TriggerSuiteAsync(this ApiClient client, long id, CancellationToken cancellationToken) =>
        client.SendAsync<RunInfo>(HttpMethod.Post, $"api/v1/suites/{id}:trigger", null, cancellationToken);
}
