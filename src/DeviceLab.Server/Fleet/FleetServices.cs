namespace DeviceLab.Server.Fleet;

/// <summary>Registers the fleet's services.</summary>
internal static class FleetServices
{
    public static IServiceCollection AddFleet(this IServiceCollection services)
    {
        services.AddScoped<LabHostHeartbeat>();
        services.AddHostedService<LabHostRegistration>();
        return services;
    }
}
