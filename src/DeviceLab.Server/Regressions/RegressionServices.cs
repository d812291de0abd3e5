using DeviceLab.Server.Regressions.Alerts;
using DeviceLab.Server.Regressions.Api;
using DeviceLab.Server.Regressions.Detection;
using DeviceLab.Server.Runs;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Regressions;

/// <summary>Registers nightly regression detection: options, the run observer, the jobs, alerts and the API.</summary>
internal static class RegressionServices
{
    public static IServiceCollection AddRegressions(this IServiceCollection services)
    {
        services.AddOptions<RegressionOptions>().BindConfiguration(RegressionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RegressionOptions>, RegressionOptionsValidation>();
        services.AddSingleton<IRunFinishedObserver, RegressionDetectionObserver>();
        services.AddTransient<NightlyRegressionJob>();
        services.AddTransient<WebhookDeliveryJob>();
        services.AddSingleton<RegressionAlerts>();
        // Alerts leave the machine only to the configured webhooks; no cookies, no redirects to elsewhere.
        services.AddHttpClient(WebhookDeliveryJob.HttpClientName)
            .RemoveAllLoggers() // the delivery job logs each outcome once, with the regression
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        return services;
    }

    public static IEndpointRouteBuilder MapRegressions(this IEndpointRouteBuilder endpoints) => endpoints.MapRegressionEndpoints();
}
