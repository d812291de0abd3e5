using DeviceLab.Server.Api;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using DeviceLab.Server.Devices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Agents;

/// <summary>
/// <c>POST /api/v1/devices/network</c> (admins): adds a networked device (an iPhone, a board without ADB) to the fleet, so a
/// token can be issued for it (<c>POST /api/v1/devices/{id}/tokens</c>) and its agent can connect. Its hardware fields
/// come from the agent's first registration.
/// </summary>
internal static class NetworkDeviceEndpoints
{
    public const int MaxNameLength = 100;

    /// <param name="Name">The device's name in the fleet (its serial), e.g. <c>iphone-15-lab-3</c>.</param>
    /// <param name="Tags">Pool tags suites select it by.</param>
    public sealed record NetworkDeviceRequest(string? Name, string[]? Tags);

    public static IEndpointRouteBuilder MapNetworkDeviceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/devices/network", CreateAsync).WithTags("Devices").RequireAuthorization(DeviceLabPolicies.Admin)
            .WithSummary("Add a networked device (agent hub): {\"name\": \"iphone-15-lab-3\", \"tags\": [\"ios\"]}; then issue it a token.");
        return endpoints;
    }

    private static async Task<Results<Created<DeviceView>, ProblemHttpResult>> CreateAsync(
        NetworkDeviceRequest request, NetworkDevices devices, DeviceLabDbContext db, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            return ApiProblems.BadRequest($"name: give the device a name of 1–{MaxNameLength} characters without spaces (e.g. iphone-15-lab-3).");
        var (tags, error) = DeviceTags.Normalize(request.Tags ?? []);
        if (error is not null) return ApiProblems.BadRequest(error);
        if (await devices.CreateAsync(name, tags!, cancellationToken) is not { } id)
            return ApiProblems.Conflict($"A device named '{name}' already exists on this lab host.", "Device exists");
        var device = await db.Devices.AsNoTracking().Include(d => d.LabHost).SingleAsync(d => d.Id == id, cancellationToken);
        return TypedResults.Created($"/api/v1/devices/{id}", DeviceView.Of(device, null, withProperties: false));
    }
}
