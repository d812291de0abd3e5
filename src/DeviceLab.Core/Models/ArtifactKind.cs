namespace DeviceLab.Core.Models;

/// <summary>What a content-addressed file in the artifact store is.</summary>
public enum ArtifactKind
{
    /// <summary>A model variant in GGUF format.</summary>
    Gguf,

    /// <summary>A build of the on-device agent for one ABI.</summary>
    Agent,
}
