using DeviceLab.Server.Api;
using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Auth;

/// <summary><c>/api/v1/devices/{deviceId}/tokens</c> (admins): the credentials of a networked device's agent.</summary>
internal static class DeviceTokenEndpoints
{
    public sealed record DeviceTokenView(long Id, long DeviceId, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
    {
        public static DeviceTokenView Of(DeviceToken t) => new(t.Id, t.DeviceId, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt);
    }

    /// <param name="Token">The secret for the agent: shown once (DeviceLab keeps only its hash).</param>
    public sealed record CreatedDeviceToken(DeviceTokenView DeviceToken, string Token);

    public static IEndpointRouteBuilder MapDeviceTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var tokens = endpoints.MapGroup("/api/v1/devices/{deviceId:long}/tokens").WithTags("Access").RequireAuthorization(DeviceLabPolicies.Admin);
        tokens.MapGet("/", async Task<Results<Ok<List<DeviceTokenView>>, ProblemHttpResult>> (long deviceId, DeviceLabDbContext db, CancellationToken ct) =>
        {
            if (!await db.Devices.AnyAsync(d => d.Id == deviceId, ct)) return ApiProblems.NotFound("device", deviceId);
            var rows = await db.DeviceTokens.AsNoTracking().Where(t => t.DeviceId == deviceId).OrderBy(t => t.Id).ToListAsync(ct);
            return TypedResults.Ok(rows.Select(DeviceTokenView.Of).ToList());
        }).WithSummary("The device's tokens (without secrets).");
        tokens.MapPost("/", async Task<Results<Created<CreatedDeviceToken>, ProblemHttpResult>> (long deviceId, DeviceTokens deviceTokens, CancellationToken ct) =>
        {
            var issued = await deviceTokens.IssueAsync(deviceId, ct);
            return issued is null
                ? ApiProblems.NotFound("device", deviceId)
                : TypedResults.Created($"/api/v1/devices/{deviceId}/tokens/{issued.Token.Id}", new CreatedDeviceToken(DeviceTokenView.Of(issued.Token), issued.Secret));
        }).WithSummary("Issue a token for the device's agent; the answer holds the secret, once.");
        tokens.MapDelete("/{tokenId:long}", async Task<Results<NoContent, ProblemHttpResult>> (long deviceId, long tokenId, DeviceTokens deviceTokens, CancellationToken ct) =>
                await deviceTokens.RevokeAsync(deviceId, tokenId, ct) ? TypedResults.NoContent() : ApiProblems.NotFound("device token", tokenId))
            .WithSummary("Revoke a token: the agent using it is refused at its next request.");
        return endpoints;
    }
}
