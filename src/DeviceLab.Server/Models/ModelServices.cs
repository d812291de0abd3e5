namespace DeviceLab.Server.Models;

/// <summary>Registers the artifact store, model uploads and variant builds.</summary>
internal static class ModelServices
{
    public static IServiceCollection AddModels(this IServiceCollection services)
    {
        services.AddOptions<ArtifactOptions>().BindConfiguration(ArtifactOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ArtifactOptions>, ArtifactOptionsValidation>();
        services.AddSingleton<ArtifactStore>();
        services.AddSingleton<ModelUploads>();
        services.AddSingleton<VariantBuilds>();
        services.AddSingleton<ModelDeletion>();
        services.AddTransient<VariantBuildJob>();
        services.AddHostedService<ArtifactSweep>();
        return services;
    }

    public static IEndpointRouteBuilder MapModels(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapModelEndpoints().MapVariantEndpoints();
}
