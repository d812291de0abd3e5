using Microsoft.Net.Http.Headers;

namespace DeviceLab.Server.Auth;

/// <summary>
/// Where a program's secret travels: <c>X-Api-Key</c>, <c>Authorization: Bearer</c>, or — for SignalR hubs under
/// <c>/hubs</c> only, because browsers cannot set headers on WebSockets — the <c>access_token</c> query parameter.
/// </summary>
public static class BearerCredential
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string HubPathPrefix = "/hubs";

    /// <summary>The secret the request carries, or null when it carries none (then the sign-in cookie counts).</summary>
    public static string? Read(HttpRequest request)
    {
        if (request.Headers.TryGetValue(ApiKeyHeader, out var key) && !string.IsNullOrWhiteSpace(key))
            return key.ToString().Trim();
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim();
        if (request.Path.StartsWithSegments(HubPathPrefix) && request.Query.TryGetValue("access_token", out var token) &&
            !string.IsNullOrWhiteSpace(token))
            return token.ToString().Trim();
        return null;
    }
}
