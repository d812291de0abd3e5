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
        services.AddHostedService(provider => Enabled<DeviceTracker>(provider));
        services.AddHostedService(provider => Enabled<NetworkDeviceConnector>(provider));
        services.AddHostedService(provider => Enabled<DeviceLivenessProbe>(provider));
        return services;
    }

    public static IEndpointRouteBuilder MapFleet(this IEndpointRouteBuilder endpoints) => endpoints.MapDeviceEndpoints();

    /// <summary>The ADB services run only where <c>DeviceLab:Adb:Enabled</c> (a web-only node turns them off).</summary>
    private static IHostedService Enabled<T>(IServiceProvider provider) where T : IHostedService =>
        provider.GetRequiredService<IOptions<AdbOptions>>().Value.Enabled ? ActivatorUtilities.CreateInstance<T>(provider) : new Disabled();

    private sealed class Disabled : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
