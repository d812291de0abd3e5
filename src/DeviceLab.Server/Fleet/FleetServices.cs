using DeviceLab.Server.Fleet.Discovery;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Fleet;

/// <summary>Registers the fleet's services: the lab host's registration and heartbeat, and following its adb server's devices.</summary>
internal static class FleetServices
{
    public static IServiceCollection AddFleet(this IServiceCollection services)
    {
        services.AddScoped<LabHostHeartbeat>();
        services.AddHostedService<LabHostRegistration>();

        services.AddOptions<AdbOptions>().BindConfiguration(AdbOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdbOptions>, AdbOptionsValidation>();
        services.AddSingleton<LabHostAdbServer>();
        services.AddSingleton<AdbDeviceView>();
        services.AddSingleton<DeviceStates>();
        services.AddSingleton<DeviceRegistry>();
        // Each of them does nothing where DeviceLab:Adb:Enabled is false (a web-only node).
        services.AddHostedService<DeviceTracker>();
        services.AddHostedService<NetworkDeviceConnector>();
        services.AddHostedService<DeviceLivenessProbe>();
        return services;
    }

    public static IEndpointRouteBuilder MapFleet(this IEndpointRouteBuilder endpoints) => endpoints.MapDeviceEndpoints();

}
