using DeviceLab.Server.Api;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.AgentBuilds;

/// <summary><c>/api/v1/agent-builds</c>: list, and upload an agent executable for an ABI (admins: it runs on every device).</summary>
internal static class AgentBuildEndpoints
{
    public sealed record AgentBuildView(long Id, string Version, string Abi, string Sha256, long SizeBytes, DateTimeOffset CreatedAt);

    public static IServiceCollection AddAgentBuilds(this IServiceCollection services)
    {
        services.AddOptions<AgentBuildOptions>().BindConfiguration(AgentBuildOptions.Section);
        services.AddSingleton<AgentBuildImport>();
        services.AddSingleton<AgentBuildCatalog>();
        services.AddHostedService<AgentBuildRegistration>();
        return services;
    }

    public static IEndpointRouteBuilder MapAgentBuildEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var builds = endpoints.MapGroup("/api/v1/agent-builds").WithTags("Agent builds");
        builds.MapGet("/", async (DeviceLabDbContext db, CancellationToken cancellationToken) =>
            TypedResults.Ok(await db.AgentBuilds.AsNoTracking().OrderByDescending(b => b.CreatedAt)
                .Select(b => new AgentBuildView(b.Id, b.Version, b.Abi, b.ArtifactSha256, b.Artifact.SizeBytes, b.CreatedAt))
                .ToListAsync(cancellationToken)))
            .RequireAuthorization(DeviceLabPolicies.Viewer).WithSummary("Agent builds, newest first.");
        builds.MapPost("/", UploadAsync).RequireAuthorization(DeviceLabPolicies.Admin)
            .WithSummary("Upload the devicelab-agent executable for an ABI (?abi=arm64-v8a|x86_64|…&version=…).")
            .Accepts<Stream>("application/octet-stream", "multipart/form-data");
        return endpoints;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, AgentBuildImport import, ArtifactStore store, string? abi, string? version,
        CancellationToken cancellationToken)
    {
        UploadBody.AllowLargeBody(context);
        var (body, problem) = await UploadBody.ReadAsync(context.Request, cancellationToken);
        if (body is null) return ApiProblems.BadRequest(problem!);
        try
        {
            var result = await import.ImportAsync(body.Content, abi ?? body.Fields.GetValueOrDefault("abi"),
                version ?? body.Fields.GetValueOrDefault("version"), cancellationToken);
            var b = result.Build;
            var view = new AgentBuildView(b.Id, b.Version, b.Abi, b.ArtifactSha256, b.Artifact.SizeBytes, b.CreatedAt);
            return result.Created ? TypedResults.Created($"/api/v1/agent-builds/{b.Id}", view) : TypedResults.Ok(view);
        }
        catch (AgentBuildException e)
        {
            return ApiProblems.BadRequest(e.Message, "Not a usable agent build");
        }
        catch (ArtifactTooLargeException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status413RequestEntityTooLarge, title: "Upload too large");
        }
    }
}
