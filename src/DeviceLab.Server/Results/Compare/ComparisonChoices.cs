using DeviceLab.Core.Models;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Results.Compare;

/// <summary>What the compare page offers to pick: models, their variants, the fleet's device models and recent runs
/// of the chosen model. Small tables only — never a scan of the results.</summary>
public sealed record ComparisonChoices(
    IReadOnlyList<ModelChoice> Models,
    IReadOnlyList<VariantChoice> Variants,
    IReadOnlyList<string> DeviceModels,
    IReadOnlyList<RunChoice> Runs,
    long? ModelId)
{
    /// <summary>Runs offered in the run picker.</summary>
    public const int RecentRuns = 30;

    public static async Task<ComparisonChoices> LoadAsync(DeviceLabDbContext db, long? modelId, CancellationToken cancellationToken)
    {
        var models = (await db.Models.AsNoTracking().OrderBy(m => m.Name).Select(m => new { m.Id, m.Name }).ToListAsync(cancellationToken))
            .Select(m => new ModelChoice(m.Id, m.Name)).ToList();
        // The model of the newest result: what someone opening the page most likely wants to see.
        var defaultModel = await db.Results.AsNoTracking().OrderByDescending(r => r.Id).Select(r => (long?)r.Variant.ModelId).FirstOrDefaultAsync(cancellationToken);
        var chosen = modelId ?? defaultModel ?? models.FirstOrDefault()?.Id;
        var variants = chosen is null ? [] : (await db.Variants.AsNoTracking().Where(v => v.ModelId == chosen)
                .Select(v => new { v.Id, v.QuantType, v.BuildStatus }).ToListAsync(cancellationToken))
            .OrderBy(v => v.QuantType).Select(v => new VariantChoice(v.Id, v.QuantType.ToString(), v.BuildStatus)).ToList();
        var deviceModels = await db.Devices.AsNoTracking().Select(d => d.Model ?? ComparisonQuery.UnknownModel).Distinct().OrderBy(m => m).ToListAsync(cancellationToken);
        var variantIds = variants.Select(v => v.Id).ToList();
        var runs = (await db.Runs.AsNoTracking()
                .Where(r => r.VariantIds.Any(v => variantIds.Contains(v)))
                .OrderByDescending(r => r.Id).Take(RecentRuns)
                .Select(r => new { r.Id, r.CreatedAt, Suite = r.Suite != null ? r.Suite.Name : null }).ToListAsync(cancellationToken))
            .Select(r => new RunChoice(r.Id, r.CreatedAt, r.Suite)).ToList();
        return new ComparisonChoices(models, variants, deviceModels, runs, chosen);
    }
}

public sealed record ModelChoice(long Id, string Name);

public sealed record VariantChoice(long Id, string QuantType, VariantBuildStatus Status);

public sealed record RunChoice(long Id, DateTimeOffset CreatedAt, string? Suite);
