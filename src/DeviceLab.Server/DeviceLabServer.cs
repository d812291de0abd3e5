using DeviceLab.Core;
using DeviceLab.Server.AgentBuilds;
using DeviceLab.Server.Agents;
using DeviceLab.Server.Api;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Components;
using DeviceLab.Server.Data;
using DeviceLab.Server.Devices;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Health;
using DeviceLab.Server.Jobs;
using DeviceLab.Server.Suites;
using DeviceLab.Server.Runs;
using DeviceLab.Server.Live;
using DeviceLab.Server.Leases;
using DeviceLab.Server.Models;
using DeviceLab.Server.Regressions;
using DeviceLab.Server.Results;
using DeviceLab.Server.Results.Exports;
using Hangfire;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace DeviceLab.Server;

/// <summary>Wires the DeviceLab server: each feature registers its own services and endpoints.</summary>
public static class DeviceLabServer
{
    /// <summary>Where the server listens unless --urls, ASPNETCORE_URLS / _HTTP_PORTS or Kestrel:Endpoints say otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddDeviceLabServer(this WebApplicationBuilder builder)
    {
        // Not in appsettings.json: a "Urls" there would override ASPNETCORE_URLS.
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"]) &&
            string.IsNullOrEmpty(configuration["https_ports"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
            builder.WebHost.UseUrls(DefaultUrl);
        // Serve MudBlazor's and our static files from a build output too (./devicelab demo runs the build, not a
        // publish); a no-op in published output, where they are copied to wwwroot.
        builder.WebHost.UseStaticWebAssets();
        // The host logs a failed start with its stack trace before Program prints the one-line reason; keep only
        // its critical messages (a crashed background service that stops the host is logged at critical).
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddOptions<DeviceLabOptions>().BindConfiguration(DeviceLabOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DeviceLabOptions>, DeviceLabOptionsValidation>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddDeviceLabDatabase();
        builder.Services.AddDeviceLabJobs();
        builder.Services.AddDeviceLabApi();
        builder.Services.AddDeviceLabAuth();
        builder.Services.AddFleet();
        builder.Services.AddLive();
        builder.Services.AddLeases();
        builder.Services.AddRuns();
        builder.Services.AddSuites();
        builder.Services.AddModels();
        builder.Services.AddAgentBuilds();
        builder.Services.AddAgents();
        builder.Services.AddResults();
        builder.Services.AddDeviceLabHealth();
        builder.Services.AddRegressions();
        builder.Services.AddLlamaBenchImport();
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "DeviceLab API";
            document.Info.Version = DeviceLabVersion.Product;
            return Task.CompletedTask;
        }).AddDocumentTransformer<ApiKeySecurityScheme>());
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddDashboard();
        return builder;
    }

    public static WebApplication MapDeviceLabServer(this WebApplication app)
    {
        app.UseApiProblemDetails();
        if (!app.Environment.IsDevelopment())
            app.UseWhen(context => !context.Request.Path.StartsWithSegments(ApiServices.Prefix),
                pages => pages.UseExceptionHandler("/error", createScopeForErrors: true));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        // Anonymous: static files, health, the API description and signing in (docs/decisions/0092). Everything else
        // declares a policy of DeviceLabPolicies; EndpointPolicyTests fails for an endpoint that does not.
        app.MapStaticAssets();
        app.MapDeviceLabHealth();
        app.MapOpenApi();
        app.MapAccountEndpoints();
        app.MapStatusEndpoints();
        app.MapModels();
        app.MapRegressions();
        app.MapLlamaBenchImport();
        app.MapAgentBuildEndpoints();
        app.MapSuites();
        app.MapRuns();
        app.MapLive();
        app.MapAgents();
        app.MapResultEndpoints();
        app.MapDeviceEndpoints();
        app.MapDeviceTokenEndpoints();
        app.MapUserEndpoints();
        app.MapApiKeyEndpoints();
        app.MapExportEndpoints();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [], // the endpoint's policy decides, not Hangfire's local-requests-only default
            DashboardTitle = "DeviceLab jobs",
            AppPath = "/",
        }).RequireAuthorization(DeviceLabPolicies.Admin);
        app.MapDashboard();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
