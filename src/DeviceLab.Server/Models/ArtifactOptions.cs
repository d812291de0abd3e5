using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Models;

/// <summary>The <c>DeviceLab:Artifacts</c> configuration section: where model and agent files are kept.</summary>
public sealed class ArtifactOptions
{
    public const string Section = "DeviceLab:Artifacts";

    /// <summary>Root folder of the content-addressed store; default <c>artifacts/</c> in the data folder. Nodes that
    /// build variants or serve downloads must see the same folder (one node, or shared storage).</summary>
    public string? Directory { get; set; }

    /// <summary>Largest accepted upload, bytes; a larger one is refused with 413 and nothing is kept. Default 16 GiB.</summary>
    public long MaxUploadBytes { get; set; } = 16L << 30;
}

/// <summary>Stops the server at start when <c>DeviceLab:Artifacts</c> is unusable, naming the key.</summary>
internal sealed class ArtifactOptionsValidation : IValidateOptions<ArtifactOptions>
{
    public ValidateOptionsResult Validate(string? name, ArtifactOptions options)
    {
        if (options.MaxUploadBytes <= 0)
            return ValidateOptionsResult.Fail($"DeviceLab:Artifacts:MaxUploadBytes is {options.MaxUploadBytes}: use a positive number of bytes (e.g. 17179869184 for 16 GiB).");
        if (options.Directory is { } directory && directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            return ValidateOptionsResult.Fail($"DeviceLab:Artifacts:Directory '{directory}' is not a valid folder path.");
        return ValidateOptionsResult.Success;
    }
}
