using DeviceLab.Server.Api;
using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Auth;

/// <summary><c>/api/v1/api-keys</c> (admins): list, create (the secret is in the answer, once), revoke.</summary>
internal static class ApiKeyEndpoints
{
    public sealed record ApiKeyView(long Id, string Name, string Prefix, DeviceLabRole Role, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt,
        DateTimeOffset? RevokedAt)
    {
        public static ApiKeyView Of(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.Role, k.CreatedAt, k.LastUsedAt, k.RevokedAt);
    }

    /// <param name="Key">The secret: shown once, store it now (DeviceLab keeps only its hash).</param>
    public sealed record CreatedApiKey(ApiKeyView ApiKey, string Key);

    public sealed record CreateApiKeyRequest(string? Name, DeviceLabRole? Role);

    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/v1/api-keys").WithTags("Access").RequireAuthorization(DeviceLabPolicies.Admin);
        keys.MapGet("/", async (DeviceLabDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct)).Select(ApiKeyView.Of).ToList()))
            .WithSummary("Every API key (without secrets), revoked ones included.");
        keys.MapPost("/", CreateAsync).WithSummary("Create a key with a role (viewer, operator, admin); the answer holds the secret, once.");
        keys.MapDelete("/{id:long}", async Task<Results<NoContent, ProblemHttpResult>> (long id, ApiKeys apiKeys, CancellationToken ct) =>
                await apiKeys.RevokeAsync(id, ct) ? TypedResults.NoContent() : ApiProblems.NotFound("API key", id))
            .WithSummary("Revoke a key: it stops working at once; the row stays for the record.");
        return endpoints;
    }

    private static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateAsync(CreateApiKeyRequest request, ApiKeys apiKeys, CancellationToken cancellationToken)
    {
        if (request.Role is not { } role) return ApiProblems.BadRequest("Give the key a role: viewer, operator or admin.");
        try
        {
            var issued = await apiKeys.CreateAsync(request.Name ?? "", role, cancellationToken);
            return TypedResults.Created($"/api/v1/api-keys/{issued.Key.Id}", new CreatedApiKey(ApiKeyView.Of(issued.Key), issued.Secret));
        }
        catch (ArgumentException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }
    }
}
