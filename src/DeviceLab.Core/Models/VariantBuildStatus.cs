namespace DeviceLab.Core.Models;

/// <summary>Progress of building a variant (quantizing a model into one of its <see cref="QuantType"/>s).</summary>
public enum VariantBuildStatus
{
    /// <summary>Waiting for the build job to start.</summary>
    Pending,
    Building,

    /// <summary>Built (or uploaded as is): its artifact can be pushed to devices.</summary>
    Ready,

    /// <summary>The build failed; the variant's build error says why.</summary>
    Failed,
}
