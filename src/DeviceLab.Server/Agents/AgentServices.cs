using DeviceLab.Core.AgentProtocol;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Runs.Execution;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Agents;

/// <summary>Registers networked devices: the agent hub, the network transport of attempts, and their endpoints.</summary>
internal static class AgentServices
{
    public static IServiceCollection AddAgents(this IServiceCollection services)
    {
        services.AddOptions<AgentHubOptions>().BindConfiguration(AgentHubOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentHubOptions>, AgentHubOptionsValidation>();
        // The agent protocol's own JSON metadata next to the lab hub's (both snake_case).
        services.AddSignalR().AddJsonProtocol(json => AgentProtocolJsonContext.Register(json.PayloadSerializerOptions));
        services.AddSignalR().AddHubOptions<AgentHub>(_ => { });
        services.AddOptions<HubOptions<AgentHub>>().Configure<IOptions<AgentHubOptions>>((hub, agents) => hub.MaximumReceiveMessageSize = agents.Value.MaxMessageBytes);
        services.AddSingleton<NetworkDevices>();
        services.AddSingleton<AgentConnections>();
        services.AddSingleton<AgentSessions>();
        services.AddSingleton<AgentJobOwnership>();
        services.AddSingleton<IAgentTransport, NetworkAgentTransport>();
        services.AddHostedService<NetworkDeviceStartup>();
        return services;
    }

    public static WebApplication MapAgents(this WebApplication app)
    {
        app.MapHub<AgentHub>(AgentHubContract.Path).RequireAuthorization(DeviceLabPolicies.AgentDevice);
        app.MapNetworkDeviceEndpoints();
        app.MapAgentJobEndpoints();
        return app;
    }
}
