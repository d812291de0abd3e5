using DeviceLab.Server.Models;

namespace DeviceLab.Server.Fleet;

/// <summary>A build of the on-device agent for one ABI; pushed to a device only when it lacks that sha256.</summary>
public sealed class AgentBuild
{
    public long Id { get; set; }
    public required string Version { get; set; }

    /// <summary>Android ABI, e.g. <c>arm64-v8a</c>, <c>x86_64</c>.</summary>
    public required string Abi { get; set; }

    public required string ArtifactSha256 { get; set; }
    public Artifact Artifact { get; set; } = null!;

    public DateTimeOffset CreatedAt { get; set; }
}
