using DeviceLab.Server.Leases;
using DeviceLab.Server.Runs.Execution;
using DeviceLab.Server.Runs.Ingestion;
using DeviceLab.Server.Runs.Planning;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Runs;

/// <summary>Registers runs: planning, the ADB job pipeline, ingestion of agent events, cancellation and recovery.</summary>
internal static class RunServices
{
    public static IServiceCollection AddRuns(this IServiceCollection services)
    {
        services.AddOptions<RunOptions>().BindConfiguration(RunOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RunOptions>, RunOptionsValidation>();
        services.AddScoped<DevicePool>();
        services.AddScoped<RunLauncher>();
        services.AddSingleton<RunRollup>();
        services.AddSingleton<RunJobQueue>();
        services.AddSingleton<RunCancellation>();
        services.AddTransient<RunFinishedNotification>();

        services.AddSingleton<RunningAttempts>();
        services.AddSingleton<IngestionWriter>();
        services.AddSingleton<AttemptCompletion>();
        services.AddSingleton<AttemptBeginning>();
        services.AddSingleton<AttemptProgress>();
        services.AddSingleton<AttemptPlanner>();
        services.AddSingleton<AttemptPreparation>();
        services.AddSingleton<AttemptRunner>();
        services.AddSingleton<LeaseKeeper>();
        services.AddSingleton<RunJobRecovery>();
        services.AddSingleton<ILeaseReclaimedHandler>(provider => provider.GetRequiredService<RunJobRecovery>());
        services.AddTransient<RunJobExecutor>();
        return services;
    }

    public static IEndpointRouteBuilder MapRuns(this IEndpointRouteBuilder endpoints) => endpoints.MapRunEndpoints();
}
