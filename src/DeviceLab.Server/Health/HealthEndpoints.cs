using System.Text.Json;
using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DeviceLab.Server.Health;

/// <summary>
/// <c>GET /healthz</c>: <c>{"status":"healthy","database":{…},"hangfire":{…}}</c>. 200 when healthy or degraded,
/// 503 when unhealthy, so load balancers and scripts can use the status code alone.
/// </summary>
internal static class HealthEndpoints
{
    public const string Path = "/healthz";

    public static IServiceCollection AddDeviceLabHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<DeviceLabDbContext>("database")
            .AddCheck<HangfireHealthCheck>("hangfire");
        return services;
    }

    public static IEndpointConventionBuilder MapDeviceLabHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync });

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new Dictionary<string, object?> { ["status"] = Name(report.Status) };
        foreach (var (name, entry) in report.Entries)
        {
            body[name] = new Dictionary<string, object?>
            {
                ["status"] = Name(entry.Status),
                ["description"] = entry.Description ?? entry.Exception?.Message,
                ["durationMs"] = Math.Round(entry.Duration.TotalMilliseconds, 1),
                ["data"] = entry.Data.Count == 0 ? null : entry.Data,
            };
        }
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}
