using DeviceLab.Server.Results.Compare;

namespace DeviceLab.Server.Components;

/// <summary>Registers the dashboard's own services (page queries) and its few endpoints (CSV export).</summary>
internal static class DashboardServices
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<ComparisonQuery>();
        services.AddSingleton<Results.Trends.TrendQuery>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapComparisonExport();
        return app;
    }
}
