using DeviceLab.Core.Devices;
using DeviceLab.Server.Api;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Devices;

/// <summary>
/// <c>/api/v1/devices</c>: list with filters, detail, tags, quarantine. The fleet service keeps state and hardware current;
/// these endpoints only read them and change what people decide: tags and quarantine.
/// </summary>
internal static class DeviceEndpoints
{
    public sealed record TagsRequest(string[]? Tags);

    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var devices = endpoints.MapGroup("/api/v1/devices").WithTags("Devices");
        devices.MapGet("/", ListAsync).RequireAuthorization(DeviceLabPolicies.Viewer)
            .WithSummary("Devices, filtered by ?state=, ?tag= (repeat: all must match), ?model=, ?labHost=, ?abi=, ?transport=, ?virtual=.");
        devices.MapGet("/{deviceId:long}", GetAsync).RequireAuthorization(DeviceLabPolicies.Viewer)
            .WithSummary("One device with every property it reported and its active lease.");
        devices.MapPut("/{deviceId:long}/tags", SetTagsAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Replace the device's pool tags.");
        devices.MapPost("/{deviceId:long}/quarantine", (long deviceId, DeviceLabDbContext db, ILoggerFactory logs, HttpContext http, CancellationToken ct) =>
                SetQuarantineAsync(deviceId, true, db, logs, http, ct))
            .RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Take the device out of the pool: no new job leases it (a running job finishes).");
        devices.MapPost("/{deviceId:long}/unquarantine", (long deviceId, DeviceLabDbContext db, ILoggerFactory logs, HttpContext http, CancellationToken ct) =>
                SetQuarantineAsync(deviceId, false, db, logs, http, ct))
            .RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Return the device to the pool; it is offline until its lab host sees it again.");
        return endpoints;
    }

    private static async Task<Results<Ok<List<DeviceView>>, ProblemHttpResult>> ListAsync(
        DeviceLabDbContext db, string? state, string[]? tag, string? model, string? labHost, string? abi, string? transport,
        bool? @virtual, CancellationToken cancellationToken)
    {
        var query = db.Devices.AsNoTracking().Include(d => d.LabHost).AsQueryable();
        if (state is not null)
        {
            if (!Enum.TryParse<DeviceState>(state, ignoreCase: true, out var s) || int.TryParse(state, out _))
                return ApiProblems.BadRequest($"Unknown state '{state}'; use {string.Join(", ", Enum.GetNames<DeviceState>().Select(n => n.ToLowerInvariant()))}.");
            query = query.Where(d => d.State == s);
        }
        if (tag is { Length: > 0 })
        {
            var (tags, error) = DeviceTags.Normalize(tag);
            if (error is not null) return ApiProblems.BadRequest(error);
            query = query.Where(d => tags!.All(t => d.Tags.Contains(t)));
        }
        if (!string.IsNullOrWhiteSpace(model)) query = query.Where(d => d.Model == model);
        if (!string.IsNullOrWhiteSpace(labHost)) query = query.Where(d => d.LabHost.Name == labHost);
        if (!string.IsNullOrWhiteSpace(abi)) query = query.Where(d => d.Abi == abi);
        if (transport is not null)
        {
            if (!Enum.TryParse<DeviceTransport>(transport, ignoreCase: true, out var t) || int.TryParse(transport, out _))
                return ApiProblems.BadRequest($"Unknown transport '{transport}'; use adb or network.");
            query = query.Where(d => d.Transport == t);
        }
        if (@virtual is { } v) query = query.Where(d => d.IsVirtual == v);
        var devices = await query.OrderBy(d => d.LabHost.Name).ThenBy(d => d.Model).ThenBy(d => d.Serial).ToListAsync(cancellationToken);
        var leases = await ActiveLeasesAsync(db, devices.Select(d => d.Id).ToArray(), cancellationToken);
        return TypedResults.Ok(devices.Select(d => DeviceView.Of(d, leases.GetValueOrDefault(d.Id), withProperties: false)).ToList());
    }

    private static async Task<Results<Ok<DeviceView>, ProblemHttpResult>> GetAsync(long deviceId, DeviceLabDbContext db, CancellationToken cancellationToken)
    {
        var device = await db.Devices.AsNoTracking().Include(d => d.LabHost).SingleOrDefaultAsync(d => d.Id == deviceId, cancellationToken);
        if (device is null) return ApiProblems.NotFound("device", deviceId);
        var leases = await ActiveLeasesAsync(db, [deviceId], cancellationToken);
        return TypedResults.Ok(DeviceView.Of(device, leases.GetValueOrDefault(deviceId), withProperties: true));
    }

    private static async Task<Results<Ok<DeviceView>, ProblemHttpResult>> SetTagsAsync(long deviceId, TagsRequest request, DeviceLabDbContext db, CancellationToken cancellationToken)
    {
        var (tags, error) = DeviceTags.Normalize(request.Tags);
        if (error is not null) return ApiProblems.BadRequest(error);
        var device = await db.Devices.Include(d => d.LabHost).SingleOrDefaultAsync(d => d.Id == deviceId, cancellationToken);
        if (device is null) return ApiProblems.NotFound("device", deviceId);
        device.Tags = tags!;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(DeviceView.Of(device, null, withProperties: false));
    }

    private static async Task<IResult> SetQuarantineAsync(long deviceId, bool quarantine, DeviceLabDbContext db, ILoggerFactory logs, HttpContext http,
        CancellationToken cancellationToken)
    {
        var device = await db.Devices.Include(d => d.LabHost).SingleOrDefaultAsync(d => d.Id == deviceId, cancellationToken);
        if (device is null) return ApiProblems.NotFound("device", deviceId);
        if (quarantine) device.State = DeviceState.Quarantined;
        else if (device.State == DeviceState.Quarantined) device.State = DeviceState.Offline; // the fleet service sets it online when it sees it
        await db.SaveChangesAsync(cancellationToken);
        logs.CreateLogger("DeviceLab.Server.Devices").LogInformation("{User} {Action} device {DeviceId} ({Serial})",
            http.User.Identity?.Name, quarantine ? "quarantined" : "returned to the pool", deviceId, device.Serial);
        return TypedResults.Ok(DeviceView.Of(device, null, withProperties: false));
    }

    private static async Task<Dictionary<long, ActiveLeaseView>> ActiveLeasesAsync(DeviceLabDbContext db, long[] deviceIds, CancellationToken cancellationToken) =>
        await db.DeviceLeases.AsNoTracking()
            .Where(l => deviceIds.Contains(l.DeviceId) && l.ReleasedAt == null)
            .ToDictionaryAsync(l => l.DeviceId, l => new ActiveLeaseView(l.RunJobId, l.Attempt, l.FencingToken, l.AcquiredAt, l.ExpiresAt), cancellationToken);
}
