using System.Net;
using System.Text;
using DeviceLab.Server.Auth;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DeviceLab.Server.Tests.Auth;

/// <summary>
/// The security matrix: every endpoint of the running app (from its EndpointDataSource, so endpoints other features add
/// later are covered without touching this file) × every kind of caller, checked against the policy it declares.
/// </summary>
public sealed class EndpointPolicyTests(DeviceLabServerFixture server, ITestOutputHelper output) : IClassFixture<DeviceLabServerFixture>, IAsyncLifetime
{
    private const long MissingId = 987_654_321;
    private readonly Dictionary<Caller, HttpClient> _clients = [];
    private long _deviceA;

    private IReadOnlyList<RouteEndpoint> Endpoints =>
        server.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    public async Task InitializeAsync()
    {
        var callers = await MatrixCallers.CreateAsync(server);
        _deviceA = callers.DeviceA;
        foreach (var caller in Enum.GetValues<Caller>()) _clients[caller] = callers.ClientFor(server, caller);
    }

    [Fact]
    public void Every_endpoint_declares_a_DeviceLab_policy_or_is_on_the_anonymous_list()
    {
        var problems = new List<string>();
        foreach (var endpoint in Endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText;
            var policies = EndpointPolicies.PoliciesOf(endpoint);
            var anonymous = EndpointPolicies.AllowsAnonymous(endpoint) || policies.Count == 0;
            if (anonymous && !EndpointPolicies.IsAnonymousAllowed(endpoint))
                problems.Add($"{pattern} ({endpoint.DisplayName}) declares no policy (or [AllowAnonymous]) and is not on the anonymous list of ADR 0092");
            foreach (var policy in policies.Where(p => !DeviceLabPolicies.All.Contains(p)))
                problems.Add($"{pattern} requires '{policy}', which is not one of DeviceLabPolicies ({string.Join(", ", DeviceLabPolicies.All)})");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(Endpoints, e => e.RoutePattern.RawText == "/api/v1/models/");
    }

    [Fact]
    public async Task Every_endpoint_answers_every_caller_as_its_policy_says()
    {
        var mismatches = new List<string>();
        var checkedEndpoints = 0;
        foreach (var endpoint in Endpoints.Where(e => !EndpointPolicies.AllowsAnonymous(e) && EndpointPolicies.PoliciesOf(e).Count > 0))
        {
            checkedEndpoints++;
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var expected = EndpointPolicies.Expected(endpoint, caller);
                using var request = RequestFor(endpoint);
                using var response = await _clients[caller].SendAsync(request);
                var actual = OutcomeOf(request, response);
                if (actual != expected)
                    mismatches.Add($"{request.Method} {request.RequestUri} as {caller}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        output.WriteLine($"{checkedEndpoints} endpoints × {Enum.GetValues<Caller>().Length} callers checked");
        // What networked agents and their admins use is among them.
        foreach (var agentRoute in new[] { "/api/v1/variants/{id:long}/file", "/api/v1/agent/jobs/{jobId}/evaluation-text", "/api/v1/devices/network" })
            Assert.Contains(Endpoints, e => e.RoutePattern.RawText == agentRoute && EndpointPolicies.PoliciesOf(e).Count > 0);
        Assert.True(checkedEndpoints >= 30, $"only {checkedEndpoints} endpoints with a policy found");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/login")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/access-denied")]
    public async Task The_anonymous_endpoints_answer_without_credentials(string path)
    {
        using var response = await _clients[Caller.Anonymous].GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A request that reaches the endpoint: route values filled (the device route names device A), a JSON body for writes.</summary>
    private HttpRequestMessage RequestFor(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
        var method = methods.Count == 0 || methods.Contains("GET") ? "GET" : methods[0];
        var path = new StringBuilder();
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "deviceId" } => _deviceA.ToString(),
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content is "long" or "int") => MissingId.ToString(),
                    _ => "probe",
                });
            }
        }
        var request = new HttpRequestMessage(new HttpMethod(method), path.Length == 0 ? "/" : path.ToString());
        if (method is "POST" or "PUT" or "PATCH") request.Content = BodyFor(endpoint);
        return request;
    }

    /// <summary>A body of a content type the endpoint accepts (routing answers 415 before authorization otherwise).</summary>
    private static HttpContent BodyFor(RouteEndpoint endpoint)
    {
        var accepts = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes ?? [];
        var type = accepts.FirstOrDefault(t => !t.StartsWith("multipart/", StringComparison.Ordinal)) ?? "application/json";
        return type switch
        {
            "application/x-www-form-urlencoded" => new FormUrlEncodedContent([]),
            "application/json" => new StringContent("{}", Encoding.UTF8, "application/json"),
            _ => new ByteArrayContent("{}"u8.ToArray()) { Headers = { ContentType = new(type) } },
        };
    }

    private static Outcome OutcomeOf(HttpRequestMessage request, HttpResponseMessage response)
    {
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Outcome.Unauthenticated,
            HttpStatusCode.Forbidden => Outcome.Forbidden,
            HttpStatusCode.Redirect when location.StartsWith("/login", StringComparison.Ordinal) => Outcome.Unauthenticated,
            HttpStatusCode.Redirect when location.StartsWith("/access-denied", StringComparison.Ordinal) => Outcome.Forbidden,
            _ => Outcome.Allowed,
        };
    }

    public Task DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        return Task.CompletedTask;
    }
}
