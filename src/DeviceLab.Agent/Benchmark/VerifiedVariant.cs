using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Benchmark;

/// <summary>A variant file whose sha256 was checked and which the engine opened once to describe it (then closed again).</summary>
/// <param name="LastWriteUtc">The file's modification time when its sha256 was checked: a reopen finding another one refuses the file.</param>
internal sealed record VerifiedVariant(VariantFile File, VariantDescriptor Descriptor, DateTime LastWriteUtc)
{
    public string Label => File.Label;

    /// <summary>Refuses a file that was removed or rewritten since its sha256 was checked (each repetition reopens it).</summary>
    /// <exception cref="AgentInputException">The file is gone or changed.</exception>
    public void CheckUnchanged()
    {
        var info = new FileInfo(File.Path);
        if (!info.Exists)
            throw new AgentInputException(AgentErrorCodes.VariantMissing, $"variant file {File.Path} disappeared during the run; results so far stand", Label);
        if (info.Length != Descriptor.FileBytes || info.LastWriteTimeUtc != LastWriteUtc)
        {
            throw new AgentInputException(AgentErrorCodes.VariantInvalid,
                $"variant file {File.Path} changed during the run ({info.Length} bytes, modified {info.LastWriteTimeUtc:O}; its sha256 was checked at {Descriptor.FileBytes} bytes, {LastWriteUtc:O}); results so far stand",
                Label);
        }
    }
}
