using DeviceLab.Core.Models;

namespace DeviceLab.Server.Models;

/// <summary>A variant as the API shows it.</summary>
/// <param name="ParentVariantId">The variant it was built from; null for the uploaded one.</param>
/// <param name="Sha256">Content hash of its GGUF file, once ready.</param>
/// <param name="BuildError">Why the build failed (status <c>failed</c> only).</param>
/// <param name="DownloadUrl">Where to fetch the file (Range requests supported), once ready.</param>
public sealed record VariantView(
    long Id, long ModelId, QuantType QuantType, long? ParentVariantId, VariantBuildStatus BuildStatus,
    string? Sha256, long? SizeBytes, string? BuildError, DateTimeOffset CreatedAt, string? DownloadUrl)
{
    public static VariantView Of(Variant v) => new(v.Id, v.ModelId, v.QuantType, v.ParentVariantId, v.BuildStatus, v.Sha256,
        v.SizeBytes, v.BuildError, v.CreatedAt, v.BuildStatus == VariantBuildStatus.Ready ? $"/api/v1/variants/{v.Id}/file" : null);
}

/// <summary>A model with its variants.</summary>
public sealed record ModelView(
    long Id, string Name, string? Architecture, long? ParameterCount, string? Description, DateTimeOffset CreatedAt,
    IReadOnlyList<VariantView> Variants)
{
    public static ModelView Of(Model m) => new(m.Id, m.Name, m.Architecture, m.ParameterCount, m.Description, m.CreatedAt,
        m.Variants.OrderBy(v => v.ParentVariantId.HasValue).ThenBy(v => v.QuantType).Select(VariantView.Of).ToList());
}
