using DeviceLab.Server.Models;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Where an artifact's file is on this node: <see cref="Artifact.StoredPath"/> below the artifact store's folder
/// (<c>{DataDirectory}/artifacts</c>). Kept to this one place so the pipeline follows the store wherever it moves.
/// </summary>
public sealed class ArtifactFiles(IOptions<DeviceLabOptions> options)
{
    public string Root => Path.Combine(options.Value.DataDirectoryPath, "artifacts");

    public string PathOf(Artifact artifact) => Path.GetFullPath(Path.Combine(Root, artifact.StoredPath));
}
