using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Statistics;

namespace DeviceLab.Server.Tests.Runs.Ingestion;

/// <summary>Agent event lines written with the shared protocol types, as the agent writes them.</summary>
public sealed class AgentLines(string label, string sha256)
{
    private long _seq;

    public long LastSeq => _seq;

    public string Hello() => Line(new HelloEvent
    {
        Seq = ++_seq, TMs = 1, Device = new DeviceFingerprint("Virtual Device", "DeviceLab", "test-build", "x86_64", 1, IsVirtual: true),
        AgentVersion = "test", EngineVersion = "test", Mode = "adb", TelemetrySources = [SampleSource.Simulated],
    });

    public string Sample(double tMs, double value) => Line(new SampleEvent
    {
        Seq = ++_seq, TMs = tMs, Metric = TelemetryMetrics.BatteryVoltage, Value = value, Unit = TelemetryMetrics.UnitMillivolts, Source = SampleSource.Simulated,
    });

    public string Token(int repetition, int index, double ms) => Line(new TokenEvent
    {
        Seq = ++_seq, TMs = 10 + index, Variant = label, Repetition = repetition, Index = index, Ms = ms,
    });

    public string Result(params double[] tokenMs) => ResultWithPeak(1_000_000, tokenMs);

    /// <summary>A variant result whose peak memory is <paramref name="peakRssBytes"/> (−1: the agent could not measure it).</summary>
    public string ResultWithPeak(double peakRssBytes, params double[] tokenMs)
    {
        var summary = SampleSummary.Of(tokenMs);
        var one = SampleSummary.Of([1000 / summary.Mean]);
        return Line(new VariantResultEvent
        {
            Seq = ++_seq, TMs = 100, Variant = label, Sha256 = sha256, Repetitions = 1, DecodeTokensPerSecond = one, DecodeMsPerToken = summary,
            PrefillTokensPerSecond = one, TimeToFirstTokenMs = SampleSummary.Of([2.0]), PeakRssBytes = SampleSummary.Of([peakRssBytes]),
            PeakRssMethod = peakRssBytes < 0 ? PeakMemoryMethods.Unavailable : PeakMemoryMethods.HighWaterMarkReset,
        });
    }

    private static string Line(AgentEvent agentEvent) => AgentEventWriter.ToJson(agentEvent);
}
