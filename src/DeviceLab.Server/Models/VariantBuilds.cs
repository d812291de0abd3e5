using DeviceLab.Core.Models;
using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Models;

/// <summary>
/// Asks for variants of a model: one pending row per requested quantization (kept when it exists, retried when it
/// failed) and a <see cref="VariantBuildJob"/> for each on this node's queue — the node whose store holds the upload.
/// </summary>
public sealed class VariantBuilds(
    IDbContextFactory<DeviceLabDbContext> contexts, IBackgroundJobClient jobs, IOptions<DeviceLabOptions> options, TimeProvider time)
{
    /// <summary>Types a variant can be built as (the engine's VariantPlan).</summary>
    public static IReadOnlyList<QuantType> Buildable { get; } = [QuantType.F32, QuantType.F16, QuantType.Q8_0, QuantType.Q4_0];

    /// <summary>The variants for <paramref name="quantTypes"/> after the request; null when there is no such model.</summary>
    /// <exception cref="ArgumentException">A type that cannot be built, or a model whose upload is not F32/F16.</exception>
    public async Task<IReadOnlyList<Variant>?> RequestAsync(long modelId, IReadOnlyCollection<QuantType> quantTypes, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.Include(m => m.Variants).SingleOrDefaultAsync(m => m.Id == modelId, cancellationToken);
        if (model is null) return null;
        var source = model.Variants.SingleOrDefault(v => v.ParentVariantId is null)
            ?? throw new ArgumentException($"Model {model.Name} has no uploaded variant to build from.");
        if (source.QuantType is not (QuantType.F32 or QuantType.F16))
            throw new ArgumentException(
                $"Model {model.Name} was uploaded as {Name(source.QuantType)}; variants are built from an F32 or F16 upload only, so every variant is compared with the same reference (docs/decisions/0022).");
        foreach (var type in quantTypes.Where(t => !Buildable.Contains(t)))
            throw new ArgumentException($"Cannot build a {Name(type)} variant; buildable: {string.Join(", ", Buildable.Select(Name))}.");

        var toBuild = new List<Variant>();
        var result = new List<Variant>();
        foreach (var type in quantTypes.Distinct())
        {
            var variant = model.Variants.SingleOrDefault(v => v.QuantType == type);
            if (variant is null)
            {
                variant = new Variant { ModelId = model.Id, QuantType = type, ParentVariantId = source.Id, CreatedAt = time.GetUtcNow() };
                db.Variants.Add(variant);
                toBuild.Add(variant);
            }
            else if (variant.BuildStatus == VariantBuildStatus.Failed)
            {
                variant.BuildStatus = VariantBuildStatus.Pending;
                variant.BuildError = null;
                toBuild.Add(variant);
            }
            result.Add(variant);
        }
        await db.SaveChangesAsync(cancellationToken);

        var queue = LabHostQueue.For(options.Value.LabHost.Name);
        foreach (var variant in toBuild)
        {
            var id = variant.Id;
            jobs.Create<VariantBuildJob>(job => job.RunAsync(id, CancellationToken.None), new EnqueuedState(queue));
        }
        return result;
    }

    public static string Name(QuantType type) => type.ToString().ToUpperInvariant();
}
