using DeviceLab.Core.Models;

namespace DeviceLab.Server.Models;

/// <summary>
/// A file in the content-addressed artifact store, keyed by its sha256: the same bytes are stored once,
/// whichever model or agent build refers to them.
/// </summary>
public sealed class Artifact
{
    /// <summary>sha256 of the content, 64 lower-case hex characters.</summary>
    public required string Sha256 { get; set; }

    public long SizeBytes { get; set; }
    public ArtifactKind Kind { get; set; }

    /// <summary>Path relative to the artifact store's root folder (never absolute, so the store can move).</summary>
    public required string StoredPath { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
