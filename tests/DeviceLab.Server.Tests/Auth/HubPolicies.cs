using System.Reflection;
using DeviceLab.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;

namespace DeviceLab.Server.Tests.Auth;

/// <summary>A hub method and the DeviceLab policies a caller must pass to invoke it (the hub's and the method's own).</summary>
public sealed record HubMethod(Type Hub, string Path, MethodInfo Method, IReadOnlyList<string> HubPolicies, IReadOnlyList<string> MethodPolicies)
{
    public IEnumerable<string> AllPolicies => HubPolicies.Concat(MethodPolicies).Distinct();

    public override string ToString() => $"{Hub.Name}.{Method.Name} ({Path})";
}

/// <summary>
/// The app's own SignalR hubs (from the hub endpoints in the EndpointDataSource, framework hubs such as Blazor's left out)
/// and their methods by reflection, so hubs and methods added later are checked without touching the tests.
/// </summary>
public static class HubPolicies
{
    private static readonly HashSet<string> Lifecycle = [nameof(Hub.OnConnectedAsync), nameof(Hub.OnDisconnectedAsync), nameof(Hub.Dispose)];

    public static IReadOnlyList<HubMethod> MethodsOf(EndpointDataSource endpoints)
    {
        var hubs = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Hub: e.Metadata.GetMetadata<HubMetadata>()?.HubType))
            .Where(h => h.Hub is not null && h.Hub.Assembly.GetName().Name?.StartsWith("Microsoft.", StringComparison.Ordinal) != true)
            .Where(h => !h.Endpoint.RoutePattern.RawText!.EndsWith("/negotiate", StringComparison.Ordinal))
            .GroupBy(h => h.Hub!)
            .Select(g => (Hub: g.Key, g.First().Endpoint));
        return hubs.SelectMany(h => Methods(h.Hub).Select(m => new HubMethod(h.Hub, h.Endpoint.RoutePattern.RawText!, m,
            EndpointPolicies.PoliciesOf(h.Endpoint).Concat(Policies(h.Hub)).Distinct().ToList(), Policies(m)))).ToList();
    }

    /// <summary>Public instance methods a client can invoke: declared on the hub or its own base classes, not SignalR's.</summary>
    public static IEnumerable<MethodInfo> Methods(Type hub) =>
        hub.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && !Lifecycle.Contains(m.Name) && m.DeclaringType is { } declaring &&
                        declaring != typeof(object) && declaring.Assembly != typeof(Hub).Assembly);

    private static List<string> Policies(MemberInfo member) =>
        member.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Select(a => a.Policy ?? "").ToList();

    /// <summary>Why the method is not properly guarded, or null when it is.</summary>
    public static string? Problem(HubMethod method)
    {
        if (method.Method.GetCustomAttribute<AllowAnonymousAttribute>() is not null || method.Hub.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            return $"{method} allows anonymous callers";
        var policies = method.AllPolicies.ToList();
        if (policies.Count == 0) return $"{method} declares no policy (on the hub, its endpoint or the method)";
        var unknown = policies.Where(p => !DeviceLabPolicies.All.Contains(p)).ToList();
        return unknown.Count > 0 ? $"{method} requires {string.Join(", ", unknown)}, not one of DeviceLabPolicies" : null;
    }
}
