using DeviceLab.Server.Api;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DeviceLab.Server.Fleet;

/// <summary><c>/api/v1/devices/{id}</c>: quarantine / release a device, set its pool tags.</summary>
internal static class DeviceEndpoints
{
    public sealed record QuarantineRequest(string? Reason);

    public sealed record TagsRequest(string[]? Tags);

    /// <summary>A device's state and tags after a change.</summary>
    public sealed record DevicePoolView(long Id, string Serial, Core.Devices.DeviceState State, string? StateReason, IReadOnlyList<string> Tags,
        IReadOnlyList<string> UserTags, DateTimeOffset? QuarantinedAt, string? QuarantineReason);

    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var devices = endpoints.MapGroup("/api/v1/devices").WithTags("Devices");
        devices.MapPost("/{id:long}/quarantine", QuarantineAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Take a device out of the pool: no new job leases it (a running job finishes).");
        devices.MapDelete("/{id:long}/quarantine", ReleaseAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Put a quarantined device back into the pool.");
        devices.MapPut("/{id:long}/tags", SetTagsAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Set the device's own pool tags (the automatic ones — model, android-NN, abi-…, virtual — stay).")
            .ProducesValidationProblem();
        return endpoints;
    }

    private static Task<Results<Ok<DevicePoolView>, ProblemHttpResult>> QuarantineAsync(
        long id, QuarantineRequest? request, HttpContext context, DeviceLabDataSource dataSource, DeviceStates states, DeviceLabDbContext db, CancellationToken cancellationToken)
    {
        var reason = $"quarantined by {context.User.Identity?.Name ?? "an operator"}{(string.IsNullOrWhiteSpace(request?.Reason) ? "" : $": {request.Reason.Trim()}")}";
        return ChangeAsync(id, "UPDATE devices SET quarantined_at = coalesce(quarantined_at, clock_timestamp()), quarantine_reason = $2 WHERE id = $1",
            DeviceStates.Truncate(reason), reason, dataSource, states, db, cancellationToken);
    }

    private static Task<Results<Ok<DevicePoolView>, ProblemHttpResult>> ReleaseAsync(
        long id, HttpContext context, DeviceLabDataSource dataSource, DeviceStates states, DeviceLabDbContext db, CancellationToken cancellationToken) =>
        ChangeAsync(id, "UPDATE devices SET quarantined_at = NULL, quarantine_reason = NULL WHERE id = $1 AND $2::text IS NOT NULL", "",
            $"released from quarantine by {context.User.Identity?.Name ?? "an operator"}", dataSource, states, db, cancellationToken);

    private static async Task<Results<Ok<DevicePoolView>, ValidationProblem, ProblemHttpResult>> SetTagsAsync(
        long id, TagsRequest request, DeviceLabDataSource dataSource, DeviceStates states, DeviceLabDbContext db, CancellationToken cancellationToken)
    {
        var tags = (request.Tags ?? []).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        if (DeviceTags.Problems(tags) is { Count: > 0 } problems) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tags"] = [.. problems] });
        var device = await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (device is null) return ApiProblems.NotFound("device", id);
        var automatic = DeviceTags.Automatic(device.Model, device.OsVersion, device.Abi, device.IsVirtual);
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await Sql.ExecuteAsync(connection, null, "UPDATE devices SET user_tags = $2, tags = $3 WHERE id = $1", cancellationToken,
                id, tags, DeviceTags.Merge(automatic, tags).ToArray());
        }
        return TypedResults.Ok(await ViewAsync(db, id, cancellationToken));
    }

    private static async Task<Results<Ok<DevicePoolView>, ProblemHttpResult>> ChangeAsync(
        long id, string sql, string value, string reason, DeviceLabDataSource dataSource, DeviceStates states, DeviceLabDbContext db, CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (await Sql.ExecuteAsync(connection, transaction, sql, cancellationToken, id, value) == 0) return ApiProblems.NotFound("device", id);
            await states.RefreshAsync([id], reason, connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return TypedResults.Ok(await ViewAsync(db, id, cancellationToken));
    }

    private static async Task<DevicePoolView> ViewAsync(DeviceLabDbContext db, long id, CancellationToken cancellationToken)
    {
        var d = await db.Devices.AsNoTracking().SingleAsync(x => x.Id == id, cancellationToken);
        return new DevicePoolView(d.Id, d.Serial, d.State, d.StateReason, d.Tags, d.UserTags, d.QuarantinedAt, d.QuarantineReason);
    }
}
