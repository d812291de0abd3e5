using DeviceLab.Core.Models;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Quantization;
using DeviceLab.Engine.Tensors;
using DeviceLab.Server.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Models;

/// <summary>
/// Builds one variant with the engine (<see cref="VariantBuilder"/>) from its parent's file into the store's temporary
/// folder, then commits it by sha256. A failure is recorded on the variant (status failed, the engine's message) and not
/// retried — the same input fails the same way; a server shutdown puts the variant back to pending and Hangfire runs the
/// job again after the restart.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class VariantBuildJob(
    IDbContextFactory<DeviceLabDbContext> contexts, ArtifactStore store, TimeProvider time, ILogger<VariantBuildJob> logger)
{
    [JobDisplayName("Build variant {0}")]
    public async Task RunAsync(long variantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var variant = await db.Variants.Include(v => v.Model).Include(v => v.ParentVariant)
            .SingleOrDefaultAsync(v => v.Id == variantId, cancellationToken);
        if (variant is null || variant.BuildStatus == VariantBuildStatus.Ready) return; // deleted meanwhile, or built by an earlier run
        var source = variant.ParentVariant is { BuildStatus: VariantBuildStatus.Ready } parent ? store.Find(parent.Sha256) : null;
        if (source is null)
        {
            await FailAsync(db, variant, "The variant it is built from is not ready or its file is missing from the artifact store.");
            return;
        }

        variant.BuildStatus = VariantBuildStatus.Building;
        await db.SaveChangesAsync(cancellationToken);
        var output = store.NewTemporaryPath($"variant-{variant.Id}", ".gguf");
        var started = time.GetTimestamp();
        try
        {
            var report = await Task.Run(() => VariantBuilder.Build(source, output, new VariantOptions(TypeOf(variant.QuantType))
            {
                Progress = _ => cancellationToken.ThrowIfCancellationRequested(),
            }), cancellationToken);
            using var staged = await store.StageFileAsync(output, cancellationToken);
            var stored = await store.CommitAsync(staged, ArtifactKind.Gguf, db, cancellationToken);
            variant.Sha256 = staged.Sha256;
            variant.Artifact = stored.Artifact;
            variant.SizeBytes = staged.SizeBytes;
            variant.BuildStatus = VariantBuildStatus.Ready;
            variant.BuildError = null;
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogInformation("Built {Model} {QuantType}: {SizeBytes} bytes in {ElapsedMs:0} ms, {Skipped} tensors kept unquantized",
                variant.Model.Name, variant.QuantType, staged.SizeBytes, time.GetElapsedTime(started).TotalMilliseconds, report.Skipped.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            variant.BuildStatus = VariantBuildStatus.Pending; // shutting down: Hangfire runs the job again after the restart
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is GgufFormatException or ArgumentException or IOException or InvalidOperationException or NotSupportedException)
        {
            await FailAsync(db, variant, e.Message);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private async Task FailAsync(DeviceLabDbContext db, Variant variant, string error)
    {
        logger.LogWarning("Building variant {VariantId} ({QuantType}) failed: {Error}", variant.Id, variant.QuantType, error);
        variant.BuildStatus = VariantBuildStatus.Failed;
        variant.BuildError = error;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static GgmlType TypeOf(QuantType type) => type switch
    {
        QuantType.F32 => GgmlType.F32,
        QuantType.F16 => GgmlType.F16,
        QuantType.Q8_0 => GgmlType.Q8_0,
        QuantType.Q4_0 => GgmlType.Q4_0,
        _ => throw new ArgumentException($"The engine cannot build a {VariantBuilds.Name(type)} variant."),
    };
}
