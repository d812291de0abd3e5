using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.AgentBuilds;

/// <summary>An agent build and where its file is on this node.</summary>
public sealed record AgentBuildFile(AgentBuild Build, string Path);

/// <summary>Which agent build a device gets: the newest one imported for its ABI.</summary>
public sealed class AgentBuildCatalog(IDbContextFactory<DeviceLabDbContext> contexts, ArtifactStore store)
{
    /// <param name="abi">The device's ABI (<c>devices.abi</c>) or a runtime identifier.</param>
    /// <returns>Null when no build exists for the ABI (or its file is missing from the store).</returns>
    public async Task<AgentBuildFile?> LatestForAbiAsync(string abi, CancellationToken cancellationToken = default)
    {
        var normalized = AgentAbi.Normalize(abi);
        if (normalized is null) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var build = await db.AgentBuilds.AsNoTracking().Where(b => b.Abi == normalized)
            .OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).FirstOrDefaultAsync(cancellationToken);
        return build is not null && store.Find(build.ArtifactSha256) is { } path ? new AgentBuildFile(build, path) : null;
    }
}
