using DeviceLab.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DeviceLab.Server.Tests.Auth;

/// <summary>
/// Every method of every DeviceLab SignalR hub (found through the hub endpoints, methods by reflection) declares a policy,
/// and answers each caller as its hub's and its own policies say — checked with the real SignalR client.
/// </summary>
public sealed class HubPolicyTests(DeviceLabServerFixture server, ITestOutputHelper output) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public void Every_hub_method_of_the_app_declares_a_DeviceLab_policy()
    {
        var methods = HubPolicies.MethodsOf(server.Factory.Services.GetRequiredService<EndpointDataSource>());
        output.WriteLine($"{methods.Count} hub methods: {string.Join(", ", methods)}");

        var problems = methods.Select(HubPolicies.Problem).OfType<string>().ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_hub_method_of_the_app_answers_every_caller_as_its_policies_say()
    {
        var methods = HubPolicies.MethodsOf(server.Factory.Services.GetRequiredService<EndpointDataSource>());
        // The agent hub is in the matrix: device tokens only, people and programs refused.
        Assert.Equal(["CompleteJob", "PublishEvents", "Register"],
            methods.Where(m => m.Hub == typeof(DeviceLab.Server.Agents.AgentHub)).Select(m => m.Method.Name).Order());
        var mismatches = await MatrixAsync(server.Factory, methods);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void The_harness_finds_a_hub_method_without_a_policy()
    {
        var guarded = HubPolicies.Methods(typeof(ProbeHub)).Select(m => new HubMethod(typeof(ProbeHub), "/hubs/probe", m,
            [DeviceLabPolicies.Viewer], m.GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), true)
                .Cast<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>().Select(a => a.Policy!).ToList())).ToList();
        var unguarded = HubPolicies.Methods(typeof(UnguardedProbeHub)).Select(m => new HubMethod(typeof(UnguardedProbeHub), "/hubs/unguarded", m, [], [])).ToList();

        Assert.Equal(["Read", "Purge", "Count"], guarded.Select(m => m.Method.Name));
        Assert.All(guarded, m => Assert.Null(HubPolicies.Problem(m)));
        Assert.Contains("declares no policy", HubPolicies.Problem(Assert.Single(unguarded)));
    }

    [Fact]
    public async Task The_harness_tells_allowed_from_refused_calls_on_a_mapped_hub()
    {
        // The probe hub mapped into the real app (its auth, its API keys), through the app's own endpoint route builder.
        await using var probe = server.Factory.WithWebHostBuilder(host => host.ConfigureServices(services =>
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new MapProbeHub())));
        var methods = HubPolicies.MethodsOf(probe.Services.GetRequiredService<EndpointDataSource>());
        Assert.Equal(3, methods.Count(m => m.Hub == typeof(ProbeHub)));

        var mismatches = await MatrixAsync(probe, methods);

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private async Task<List<string>> MatrixAsync(WebApplicationFactory<Program> factory, IReadOnlyList<HubMethod> methods)
    {
        var callers = await MatrixCallers.CreateAsync(server);
        var mismatches = new List<string>();
        foreach (var hub in methods.GroupBy(m => m.Path))
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var outcomes = await HubCallers.CallAllAsync(factory, hub.Key, hub.ToList(), callers.CredentialOf(caller));
                foreach (var (method, actual) in outcomes)
                {
                    var expected = EndpointPolicies.Expected(method.AllPolicies, caller, routeNamesDevice: false);
                    if (actual != expected) mismatches.Add($"{method} as {caller}: expected {expected}, got {actual}");
                }
            }
        }
        output.WriteLine($"{methods.Count} hub methods × {Enum.GetValues<Caller>().Length} callers checked");
        return mismatches;
    }

    private sealed class MapProbeHub : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app); // the app's pipeline is built here, with its route builder in the properties
            var routes = app.Properties.Values.OfType<IEndpointRouteBuilder>().FirstOrDefault() ?? throw new InvalidOperationException(string.Join(", ", app.Properties.Keys));
            routes.MapHub<ProbeHub>("/hubs/probe");
        };
    }
}
