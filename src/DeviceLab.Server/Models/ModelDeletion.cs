using DeviceLab.Core.Models;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Models;

/// <summary>What a delete did: nothing found, refused because something uses it (<see cref="InUse"/> says what), or done.</summary>
public sealed record DeletionOutcome(bool Found, string? InUse = null);

/// <summary>
/// Deletes models and variants nobody uses: no result, run or suite refers to them and no build is in flight. Their
/// files leave the store when no other variant or agent build has the same sha256.
/// </summary>
public sealed class ModelDeletion(IDbContextFactory<DeviceLabDbContext> contexts, ArtifactStore store, ILogger<ModelDeletion> logger)
{
    public async Task<DeletionOutcome> DeleteModelAsync(long modelId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.Include(m => m.Variants).SingleOrDefaultAsync(m => m.Id == modelId, cancellationToken);
        if (model is null) return new DeletionOutcome(false);
        var ids = model.Variants.Select(v => v.Id).ToArray();
        if (await UsageAsync(db, ids, cancellationToken) is { } usage)
            return new DeletionOutcome(true, $"Model {model.Name} cannot be deleted: {usage}.");
        db.Variants.RemoveRange(model.Variants.Where(v => v.ParentVariantId is not null)); // children before the upload they point to
        await db.SaveChangesAsync(cancellationToken);
        db.Models.Remove(model);
        await db.SaveChangesAsync(cancellationToken);
        await RemoveOrphanedFilesAsync(db, model.Variants.Select(v => v.Sha256), cancellationToken);
        logger.LogInformation("Deleted model {Model} with {Variants} variants", model.Name, ids.Length);
        return new DeletionOutcome(true);
    }

    public async Task<DeletionOutcome> DeleteVariantAsync(long variantId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var variant = await db.Variants.Include(v => v.Model).SingleOrDefaultAsync(v => v.Id == variantId, cancellationToken);
        if (variant is null) return new DeletionOutcome(false);
        if (variant.ParentVariantId is null)
            return new DeletionOutcome(true, $"Variant {variantId} is the upload of model {variant.Model.Name}: delete the model instead.");
        if (await UsageAsync(db, [variantId], cancellationToken) is { } usage)
            return new DeletionOutcome(true, $"Variant {variantId} cannot be deleted: {usage}.");
        db.Variants.Remove(variant);
        await db.SaveChangesAsync(cancellationToken);
        await RemoveOrphanedFilesAsync(db, [variant.Sha256], cancellationToken);
        return new DeletionOutcome(true);
    }

    /// <summary>Why these variants are in use, or null when nothing uses them.</summary>
    private static async Task<string?> UsageAsync(DeviceLabDbContext db, long[] ids, CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        var results = await db.Results.CountAsync(r => ids.Contains(r.VariantId), cancellationToken);
        if (results > 0) reasons.Add($"{results} result(s) refer to it");
        var runs = await db.Runs.CountAsync(r => r.VariantIds.Any(v => ids.Contains(v)), cancellationToken);
        if (runs > 0) reasons.Add($"{runs} run(s) ran it");
        var suites = await db.Suites.Where(s => s.VariantIds.Any(v => ids.Contains(v))).Select(s => s.Name).ToListAsync(cancellationToken);
        if (suites.Count > 0) reasons.Add($"suite(s) {string.Join(", ", suites)} include it");
        if (await db.Variants.AnyAsync(v => ids.Contains(v.Id) && (v.BuildStatus == VariantBuildStatus.Pending || v.BuildStatus == VariantBuildStatus.Building), cancellationToken))
            reasons.Add("a variant build is still pending or running");
        if (await db.Variants.AnyAsync(v => v.ParentVariantId != null && ids.Contains(v.ParentVariantId.Value) && !ids.Contains(v.Id), cancellationToken))
            reasons.Add("other variants were built from it");
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    private async Task RemoveOrphanedFilesAsync(DeviceLabDbContext db, IEnumerable<string?> hashes, CancellationToken cancellationToken)
    {
        foreach (var sha256 in hashes.OfType<string>().Distinct())
        {
            var used = await db.Variants.AnyAsync(v => v.Sha256 == sha256, cancellationToken) ||
                       await db.AgentBuilds.AnyAsync(b => b.ArtifactSha256 == sha256, cancellationToken);
            if (used) continue;
            await db.Artifacts.Where(a => a.Sha256 == sha256).ExecuteDeleteAsync(cancellationToken);
            if (store.Find(sha256) is { } path) File.Delete(path);
        }
    }
}
