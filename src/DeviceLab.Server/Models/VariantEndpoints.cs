using DeviceLab.Core.Models;
using DeviceLab.Server.Api;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace DeviceLab.Server.Models;

/// <summary><c>/api/v1/variants</c>: detail, the GGUF file (Range requests, sha256 headers), delete when unused.</summary>
internal static class VariantEndpoints
{
    /// <summary>Header with the file's sha256 in hex, so an agent can check what it downloaded without parsing digests.</summary>
    public const string Sha256Header = "X-Content-Sha256";

    public static IEndpointRouteBuilder MapVariantEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var variants = endpoints.MapGroup("/api/v1/variants").WithTags("Models");
        variants.MapGet("/{id:long}", GetAsync).RequireAuthorization(DeviceLabPolicies.Viewer)
            .WithSummary("One variant and its build status.");
        variants.MapMethods("/{id:long}/file", [HttpMethods.Get, HttpMethods.Head], FileAsync)
            .RequireAuthorization(DeviceLabPolicies.ViewerOrAgentDevice)
            .WithSummary("The variant's GGUF file. Supports Range and If-Range; X-Content-Sha256, Repr-Digest and ETag carry its sha256.");
        variants.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Delete a built variant that no suite, run or result uses.");
        return endpoints;
    }

    private static async Task<Results<Ok<VariantView>, ProblemHttpResult>> GetAsync(long id, DeviceLabDbContext db, CancellationToken cancellationToken)
    {
        var variant = await db.Variants.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        return variant is null ? ApiProblems.NotFound("variant", id) : TypedResults.Ok(VariantView.Of(variant));
    }

    private static async Task<IResult> FileAsync(long id, HttpContext context, DeviceLabDbContext db, ArtifactStore store, Agents.AgentJobOwnership jobs,
        CancellationToken cancellationToken)
    {
        var variant = await db.Variants.AsNoTracking().Include(v => v.Model).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (variant is null) return ApiProblems.NotFound("variant", id);
        // A device token fetches only the variants of a job its device has now (docs/decisions/0141).
        if (DeviceLabClaims.DeviceIdOf(context.User) is { } deviceId && !await jobs.IsVariantOfActiveJobAsync(deviceId, id, cancellationToken))
            return TypedResults.Problem($"Variant {id} is not part of a job of device {deviceId}.", statusCode: StatusCodes.Status403Forbidden, title: "Not this device's variant");
        if (variant.BuildStatus != VariantBuildStatus.Ready || variant.Sha256 is null)
            return ApiProblems.Conflict($"Variant {id} is {variant.BuildStatus.ToString().ToLowerInvariant()}, not ready: it has no file yet.", "Variant not ready");
        if (store.Find(variant.Sha256) is not { } path)
            return TypedResults.Problem($"The file of variant {id} (sha256 {variant.Sha256}) is missing from the artifact store {store.RootPath}.",
                statusCode: StatusCodes.Status500InternalServerError, title: "Artifact missing");

        var headers = context.Response.Headers;
        headers[Sha256Header] = variant.Sha256;
        headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(variant.Sha256))}:";
        // Content never changes for a sha256: caches and resumed downloads may keep it.
        headers.CacheControl = "private, max-age=31536000, immutable";
        return TypedResults.PhysicalFile(path, "application/octet-stream", $"{variant.Model.Name}-{variant.QuantType.ToString().ToLowerInvariant()}.gguf",
            lastModified: null, entityTag: new EntityTagHeaderValue($"\"{variant.Sha256}\""), enableRangeProcessing: true);
    }

    private static async Task<IResult> DeleteAsync(long id, ModelDeletion deletion, CancellationToken cancellationToken)
    {
        var outcome = await deletion.DeleteVariantAsync(id, cancellationToken);
        return outcome switch
        {
            { Found: false } => ApiProblems.NotFound("variant", id),
            { InUse: { } reason } => ApiProblems.Conflict(reason, "Variant in use"),
            _ => TypedResults.NoContent(),
        };
    }
}
