namespace DeviceLab.Server.Models;

/// <summary>An upload went past <see cref="ArtifactOptions.MaxUploadBytes"/>; what was received is already deleted.</summary>
public sealed class ArtifactTooLargeException(long limitBytes)
    : Exception($"The upload is larger than the limit of {limitBytes} bytes ({limitBytes / 1048576.0:0.#} MiB, DeviceLab:Artifacts:MaxUploadBytes).")
{
    public long LimitBytes { get; } = limitBytes;
}
