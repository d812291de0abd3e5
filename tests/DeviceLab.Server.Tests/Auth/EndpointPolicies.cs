using DeviceLab.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;

namespace DeviceLab.Server.Tests.Auth;

/// <summary>
/// What each endpoint of the app declares, read from its metadata — the same metadata the authorization middleware reads —
/// and the anonymous allow-list of docs/decisions/0092. New endpoints of any feature show up here by themselves.
/// </summary>
public static class EndpointPolicies
{
    /// <summary>Endpoints that may answer anyone, and why.</summary>
    public static readonly IReadOnlyList<(string Why, Func<RouteEndpoint, bool> Matches)> AnonymousAllowed =
    [
        ("static asset", e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null || e.RoutePattern.RawText == "{**path:file}"),
        ("health for load balancers", e => e.RoutePattern.RawText == "/healthz"),
        ("the OpenAPI document", e => e.RoutePattern.RawText == "/openapi/{documentName}.json"),
        ("the sign-in form post", e => e.RoutePattern.RawText == "/account/login"),
        ("sign-in and error pages", e => e.RoutePattern.RawText is "/login" or "/access-denied" or "/error" or "/not-found"),
        ("Blazor's circuit and framework endpoints", e => e.RoutePattern.RawText!.StartsWith("/_blazor", StringComparison.Ordinal) ||
            e.RoutePattern.RawText.StartsWith("/_framework/", StringComparison.Ordinal)),
    ];

    public static bool IsAnonymousAllowed(RouteEndpoint endpoint) => AnonymousAllowed.Any(a => a.Matches(endpoint));

    /// <summary>The DeviceLab policies the endpoint requires (all of them must pass); empty when it declares none.</summary>
    public static IReadOnlyList<string> PoliciesOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "").Distinct().ToList();

    public static bool AllowsAnonymous(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    public static bool NamesDevice(RouteEndpoint endpoint) => endpoint.RoutePattern.GetParameter("deviceId") is not null;

    /// <summary>Whether <paramref name="caller"/> passes every policy of the endpoint.</summary>
    public static Outcome Expected(RouteEndpoint endpoint, Caller caller)
    {
        if (caller is Caller.Anonymous or Caller.WrongKey or Caller.RevokedKey or Caller.RevokedDevice) return Outcome.Unauthenticated;
        return Expected(PoliciesOf(endpoint), caller, NamesDevice(endpoint));
    }

    /// <summary>Whether <paramref name="caller"/> passes every one of <paramref name="policies"/>.</summary>
    public static Outcome Expected(IEnumerable<string> policies, Caller caller, bool routeNamesDevice)
    {
        if (caller is Caller.Anonymous or Caller.WrongKey or Caller.RevokedKey or Caller.RevokedDevice) return Outcome.Unauthenticated;
        return policies.All(policy => Admits(policy, caller, routeNamesDevice)) ? Outcome.Allowed : Outcome.Forbidden;
    }

    private static bool Admits(string policy, Caller caller, bool routeNamesDevice) => policy switch
    {
        DeviceLabPolicies.Viewer => caller is Caller.Viewer or Caller.Operator or Caller.Admin,
        DeviceLabPolicies.Operator => caller is Caller.Operator or Caller.Admin,
        DeviceLabPolicies.Admin => caller is Caller.Admin,
        DeviceLabPolicies.AgentDevice => caller is Caller.OwnDevice || (caller is Caller.OtherDevice && !routeNamesDevice),
        DeviceLabPolicies.ViewerOrAgentDevice => caller is not (Caller.OtherDevice) || !routeNamesDevice,
        _ => throw new InvalidOperationException($"Unknown policy '{policy}'"),
    };
}
