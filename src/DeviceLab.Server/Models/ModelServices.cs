namespace DeviceLab.Server.Models;

/// <summary>Registers the artifact store, model uploads and variant builds.</summary>
internal static class ModelServices
{
    public static IServiceCollection AddModels(this IServiceCollection services)
    {
        services.AddOptions<ArtifactOptions>().BindConfiguration(ArtifactOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ArtifactOptions>, ArtifactOptionsValidation>();
        services.AddSingleton<ArtifactStore>();
        return services;
    }
}
