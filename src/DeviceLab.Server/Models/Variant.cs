using DeviceLab.Core.Models;

namespace DeviceLab.Server.Models;

/// <summary>
/// One quantization of a model ("model build"): the upload itself (usually F16) or a build derived from its
/// <see cref="ParentVariant"/>. Its file is the artifact with <see cref="Sha256"/> once <see cref="BuildStatus"/> is ready.
/// </summary>
public sealed class Variant
{
    public long Id { get; set; }

    public long ModelId { get; set; }
    public Model Model { get; set; } = null!;

    public QuantType QuantType { get; set; }

    /// <summary>Variant it was quantized from; null for an upload.</summary>
    public long? ParentVariantId { get; set; }
    public Variant? ParentVariant { get; set; }

    /// <summary>Content hash of the GGUF file (lower-case hex), known once built.</summary>
    public string? Sha256 { get; set; }
    public Artifact? Artifact { get; set; }

    public long? SizeBytes { get; set; }
    public VariantBuildStatus BuildStatus { get; set; }

    /// <summary>Why the build failed, for people (null unless <see cref="BuildStatus"/> is failed).</summary>
    public string? BuildError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
