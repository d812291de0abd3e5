using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Benchmark;

/// <summary>A variant file whose sha256 was checked and which the engine opened once to describe it (then closed again).</summary>
internal sealed record VerifiedVariant(VariantFile File, VariantDescriptor Descriptor)
{
    public string Label => File.Label;
}
