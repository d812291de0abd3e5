using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeviceLab.Server.Api;

/// <summary>
/// What every <c>/api/v1</c> endpoint shares: errors as RFC 9457 problem details (also for 401 / 403 / 404 without a
/// body and for unhandled exceptions), enums as their snake_case names (<c>q4_0</c>, <c>ready</c>) like in the database.
/// </summary>
internal static class ApiServices
{
    public const string Prefix = "/api";

    public static IServiceCollection AddDeviceLabApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)));
        return services;
    }

    /// <summary>Problem details for API requests: an empty error response gets a body, an exception becomes a 500 problem.</summary>
    public static IApplicationBuilder UseApiProblemDetails(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Prefix), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
}
