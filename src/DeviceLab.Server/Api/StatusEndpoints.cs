using DeviceLab.Core;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Api;

/// <summary><c>GET /api/v1/status</c>: what this node is (version, lab host, queue, database mode). The CLI
/// calls it first to check it talks to a DeviceLab server.</summary>
internal static class StatusEndpoints
{
    /// <param name="Version">DeviceLab version of this server.</param>
    /// <param name="LabHost">Lab host name of this node.</param>
    /// <param name="Queue">Hangfire queue of this lab host.</param>
    /// <param name="Database"><c>local-cluster</c> (private PostgreSQL) or <c>configured</c> (ConnectionStrings:DeviceLab).</param>
    public sealed record ServerStatus(string Version, string LabHost, string Queue, string Database);

    public static RouteGroupBuilder MapStatusEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Status").RequireAuthorization(DeviceLabPolicies.Viewer);
        api.MapGet("/status", (DeviceLabDatabase database, IOptions<DeviceLabOptions> options) =>
            new ServerStatus(DeviceLabVersion.Product, options.Value.LabHost.Name, LabHostQueue.For(options.Value.LabHost.Name),
                database.IsLocalCluster ? "local-cluster" : "configured"))
            .WithName("GetStatus")
            .WithSummary("What this DeviceLab node is.");
        return api;
    }
}
