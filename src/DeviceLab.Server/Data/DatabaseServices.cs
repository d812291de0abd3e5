using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Data;

/// <summary>Registers the database: its startup, EF Core's context and context factory.</summary>
internal static class DatabaseServices
{
    public static IServiceCollection AddDeviceLabDatabase(this IServiceCollection services)
    {
        services.AddSingleton<DeviceLabDatabase>();
        // First hosted service on purpose: StartingAsync of the others may already expect the database.
        services.AddHostedService<DatabaseStartup>();
        services.AddDbContextFactory<DeviceLabDbContext>((provider, options) =>
            options.UseDeviceLabDatabase(provider.GetRequiredService<DeviceLabDatabase>().ConnectionString));
        return services;
    }
}
