using DeviceLab.Core.Live;

namespace DeviceLab.Server.Live;

/// <summary>Registers the lab hub and the cross-node live event fan-out.</summary>
internal static class LiveServices
{
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(json => LiveJson.Configure(json.PayloadSerializerOptions));
        services.AddSingleton<Data.DeviceLabDataSource>();
        services.AddSingleton<LiveEventPublisher>();
        services.AddSingleton<LiveEventFeed>();
        services.AddHostedService<LiveListener>();
        return services;
    }

    public static WebApplication MapLive(this WebApplication app)
    {
        app.MapHub<LabHub>(LabHubContract.Path).RequireAuthorization(Auth.DeviceLabPolicies.Viewer);
        return app;
    }
}
