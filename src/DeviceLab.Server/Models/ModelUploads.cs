using System.Text.RegularExpressions;
using DeviceLab.Core.Models;
using DeviceLab.Engine.Gguf;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Models;

/// <summary>What an upload asks for. Without a name the model is named after the file's <c>general.name</c>.</summary>
/// <param name="FileName">The uploaded file's name, for messages only (never a path).</param>
public sealed record ModelUploadRequest(string? Name, string? Description, string? FileName);

/// <summary>The model an upload created — or found, when the same file was uploaded under that name before.</summary>
public sealed record ModelUploadResult(Model Model, bool Created);

/// <summary>
/// Takes a GGUF upload: streamed into the artifact store while hashed (size-limited), checked by the engine, then
/// recorded as a model with its source variant in one save. Any refusal leaves no row and no file behind.
/// </summary>
public sealed partial class ModelUploads(
    ArtifactStore store, IDbContextFactory<DeviceLabDbContext> contexts, TimeProvider time, ILogger<ModelUploads> logger)
{
    public const int MaxNameLength = 100;

    /// <exception cref="ModelUploadException">Too large (413), not a valid GGUF or bad name (400), name taken (409).</exception>
    public async Task<ModelUploadResult> ImportAsync(Stream content, ModelUploadRequest request, CancellationToken cancellationToken = default)
    {
        var name = request.Name?.Trim();
        if (name is not null) CheckName(name);
        StagedArtifact staged;
        try
        {
            staged = await store.StageAsync(content, store.MaxUploadBytes, cancellationToken);
        }
        catch (ArtifactTooLargeException e)
        {
            throw new ModelUploadException(StatusCodes.Status413RequestEntityTooLarge, "Upload too large", e.Message);
        }
        using (staged)
        {
            var inspection = Inspect(staged, request.FileName);
            name ??= DefaultName(inspection, staged.Sha256);
            return await RecordAsync(staged, inspection, name, request.Description?.Trim(), cancellationToken);
        }
    }

    private static GgufInspection Inspect(StagedArtifact staged, string? fileName)
    {
        try
        {
            return GgufInspection.Of(staged.TemporaryPath);
        }
        catch (GgufFormatException e)
        {
            // The reader may name the path it read: that is the store's temporary file, not what the sender knows.
            var message = e.Message.Replace(staged.TemporaryPath, fileName ?? "the upload", StringComparison.Ordinal);
            throw new ModelUploadException(StatusCodes.Status400BadRequest, "Not a usable GGUF model",
                $"{fileName ?? "The upload"} ({staged.SizeBytes} bytes) is not a GGUF model DeviceLab can run: {message}.");
        }
    }

    private async Task<ModelUploadResult> RecordAsync(StagedArtifact staged, GgufInspection inspection, string name, string? description,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Models.Include(m => m.Variants).SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (existing is not null) return SameUpload(existing, staged, name);

        var stored = await store.CommitAsync(staged, ArtifactKind.Gguf, db, cancellationToken);
        var now = time.GetUtcNow();
        var model = new Model
        {
            Name = name, Description = description, Architecture = inspection.Architecture, ParameterCount = inspection.ParameterCount,
            CreatedAt = now,
        };
        model.Variants.Add(new Variant
        {
            Model = model, QuantType = inspection.QuantType, Sha256 = staged.Sha256, Artifact = stored.Artifact, SizeBytes = staged.SizeBytes,
            BuildStatus = VariantBuildStatus.Ready, CreatedAt = now,
        });
        db.Models.Add(model);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            await store.DiscardAsync(stored, contexts);
            if (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
                throw new ModelUploadException(StatusCodes.Status409Conflict, "Model name taken",
                    $"A model named '{name}' was uploaded at the same moment; upload again under another name, or the same file to reuse it.");
            throw;
        }
        logger.LogInformation("Model {Model} uploaded: {QuantType}, {SizeBytes} bytes, sha256 {Sha256}",
            name, inspection.QuantType, staged.SizeBytes, staged.Sha256);
        return new ModelUploadResult(model, Created: true);
    }

    private static ModelUploadResult SameUpload(Model existing, StagedArtifact staged, string name)
    {
        if (existing.Variants.Any(v => v.ParentVariantId is null && v.Sha256 == staged.Sha256))
            return new ModelUploadResult(existing, Created: false);
        throw new ModelUploadException(StatusCodes.Status409Conflict, "Model name taken",
            $"A model named '{name}' exists already with another file; choose another name (?name=…) or delete model {existing.Id} first.");
    }

    private static void CheckName(string name)
    {
        if (!ValidName().IsMatch(name))
            throw new ModelUploadException(StatusCodes.Status400BadRequest, "Invalid model name",
                $"'{name}' is not a usable model name: use 1–{MaxNameLength} letters, digits, '.', '-' or '_', starting with a letter or digit.");
    }

    /// <summary>The file's <c>general.name</c> made into a valid name, or <c>model-&lt;sha256 prefix&gt;</c>.</summary>
    private static string DefaultName(GgufInspection inspection, string sha256)
    {
        var slug = inspection.GeneralName is null ? "" : NotAllowed().Replace(inspection.GeneralName.Trim(), "-").Trim('-', '.', '_');
        if (slug.Length > MaxNameLength) slug = slug[..MaxNameLength].TrimEnd('-', '.', '_');
        return slug.Length > 0 && ValidName().IsMatch(slug) ? slug : $"model-{sha256[..12]}";
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex ValidName();

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex NotAllowed();
}
