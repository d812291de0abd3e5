namespace DeviceLab.Server.Suites;

/// <summary>Registers suites and their nightly schedules.</summary>
internal static class SuiteServices
{
    public static IServiceCollection AddSuites(this IServiceCollection services)
    {
        services.AddSingleton<NightlySchedule>();
        services.AddScoped<SuiteTrigger>();
        services.AddHostedService<NightlyScheduleSync>();
        return services;
    }

    public static IEndpointRouteBuilder MapSuites(this IEndpointRouteBuilder endpoints) => endpoints.MapSuiteEndpoints();
}
