using DeviceLab.Server.Live;
using DeviceLab.Server.Results.Compare;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DeviceLab.Server.Components;

/// <summary>Registers the dashboard's own services (page queries) and its few endpoints (CSV export).</summary>
internal static class DashboardServices
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<ComparisonQuery>();
        // The live feed is the run pipeline's (Live/LiveServices); registered here too only if it is not there yet.
        services.TryAddSingleton<LiveEventFeed>();
        services.AddSingleton<Results.Trends.TrendQuery>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapComparisonExport();
        return app;
    }
}
