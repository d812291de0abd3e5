namespace DeviceLab.Server.Models;

/// <summary>
/// Content received into the store's temporary folder and hashed, not yet at its content address. Check it, then
/// <see cref="ArtifactStore.CommitAsync"/> it; disposing deletes the temporary file if it was not committed.
/// </summary>
public sealed class StagedArtifact(string temporaryPath, string sha256, long sizeBytes) : IDisposable
{
    public string TemporaryPath { get; } = temporaryPath;

    /// <summary>sha256 of the content, 64 lower-case hex characters.</summary>
    public string Sha256 { get; } = sha256;

    public long SizeBytes { get; } = sizeBytes;

    internal bool Committed { get; set; }

    public void Dispose()
    {
        if (!Committed) File.Delete(TemporaryPath);
    }
}

/// <summary>A committed artifact: its row (added to the context when new) and whether this commit put the file in place.</summary>
public sealed record StoredArtifact(Artifact Artifact, bool FileCreated);
