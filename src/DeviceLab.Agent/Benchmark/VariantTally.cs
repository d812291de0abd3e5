using DeviceLab.Agent.Energy;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Statistics;

namespace DeviceLab.Agent.Benchmark;

/// <summary>The measured repetitions of one variant, summarised into its final result with spread.</summary>
internal sealed class VariantTally(VariantDescriptor variant)
{
    private readonly List<RepetitionResultEvent> _repetitions = [];
    private readonly List<double> _allTokenMs = [];

    public VariantDescriptor Variant { get; } = variant;

    public void Add(RepetitionResultEvent repetition, ReadOnlySpan<double> tokenMs)
    {
        _repetitions.Add(repetition);
        foreach (var ms in tokenMs) _allTokenMs.Add(ms);
    }

    public VariantResultEvent Result(QualityResult? quality) => new()
    {
        Variant = Variant.Label,
        Sha256 = Variant.Sha256,
        Repetitions = _repetitions.Count,
        DecodeTokensPerSecond = SampleSummary.Of(_repetitions.Select(r => r.DecodeTokensPerSecond)),
        DecodeMsPerToken = SampleSummary.Of(_allTokenMs),
        PrefillTokensPerSecond = SampleSummary.Of(_repetitions.Select(r => r.PrefillTokensPerSecond)),
        TimeToFirstTokenMs = SampleSummary.Of(_repetitions.Select(r => r.TimeToFirstTokenMs)),
        PeakRssBytes = SampleSummary.Of(_repetitions.Select(r => (double)r.PeakRssBytes)),
        PeakRssMethod = PeakRssMethod(),
        LoadMs = SampleSummary.Of(_repetitions.Select(r => r.LoadMs ?? 0)),
        Energy = new PhaseEnergy<EnergySummary>(
            EnergyEstimator.Summarize(_repetitions.Select(r => r.Energy!.Prefill).ToList()),
            EnergyEstimator.Summarize(_repetitions.Select(r => r.Energy!.Decode).ToList())),
        Quality = quality,
    };

    /// <summary>The repetitions' method when they agree (the usual case: the kernel either allows the reset or not).</summary>
    private string? PeakRssMethod()
    {
        var methods = _repetitions.Select(r => r.PeakRssMethod).Distinct().ToList();
        return methods.Count == 1 ? methods[0] : PeakMemoryMethods.Mixed;
    }
}
