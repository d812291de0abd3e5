using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Leases;

/// <summary>Registers device leases and the reclaimer of expired ones.</summary>
internal static class LeaseServices
{
    public static IServiceCollection AddLeases(this IServiceCollection services)
    {
        services.AddOptions<LeaseOptions>().BindConfiguration(LeaseOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LeaseOptions>, LeaseOptionsValidation>();
        services.AddSingleton<LeaseReclaim>();
        services.AddSingleton<DeviceLeases>();
        services.AddHostedService<LeaseReclaimer>();
        return services;
    }
}
