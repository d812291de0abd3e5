using DeviceLab.Core.Statistics;
using DeviceLab.Engine.Bench;

namespace DeviceLab.Cli.Bench;

/// <summary>The repetitions of one bench run and their summaries.</summary>
internal sealed record BenchReport(BenchModelInfo Model, BenchKernelInfo Kernels, BenchSettings Settings, IReadOnlyList<BenchRepetition> Repetitions)
{
    public SampleSummary Prefill => SampleSummary.Of(Repetitions.Select(r => r.PrefillTokensPerSecond));
    public SampleSummary Decode => SampleSummary.Of(Repetitions.Select(r => r.DecodeTokensPerSecond));
    public SampleSummary TimeToFirstToken => SampleSummary.Of(Repetitions.Select(r => r.TimeToFirstTokenMs));

    /// <summary>Peak RSS over the repetitions (the highest), or -1 when unknown.</summary>
    public long PeakRssBytes => Repetitions.Max(r => r.PeakRssBytes);

    public long MedianPeakRssBytes => (long)SampleSummary.Of(Repetitions.Select(r => (double)r.PeakRssBytes)).P50;
}
