using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Statistics;

namespace DeviceLab.Core.Tests.AgentProtocol;

/// <summary>One fully populated event of every kind, for round-trip and parser tests.</summary>
internal static class AgentEventSamples
{
    public static readonly DeviceFingerprint Device = new("Pixel 7", "Google", "google/panther/panther:14/UQ1A/1:user/release-keys",
        "arm64-v8a", 8, IsVirtual: false, Cpu: "Tensor G2", MemoryBytes: 8L << 30, Kernel: "5.10.157");

    public static IReadOnlyList<AgentEvent> All()
    {
        var summary = SampleSummary.Of([4.0, 4.5, 5.0, 4.2]);
        var estimate = new EnergyEstimate(1.25, 19.5, EnergyMethod.PowerIntegral, SampleSource.Sysfs, null, 250, 9, true, null);
        var invalid = new EnergyEstimate(null, null, EnergyMethod.None, SampleSource.Unavailable, null, null, 0, false, "battery is charging");
        var energySummary = new EnergySummary(SampleSummary.Of([1.2, 1.3]), SampleSummary.Of([18.0, 19.0]), EnergyMethod.ChargeCounter,
            SampleSource.Simulated, 0.0036, 2, 2, true, null);
        return
        [
            new HelloEvent
            {
                Seq = 1, TMs = 0.5, Device = Device, AgentVersion = "0.1.0", EngineVersion = "0.1.0", Mode = "adb", KernelPath = "neon",
                Parameters = new BenchParameters
                {
                    PromptTokens = 128, GeneratedTokens = 64, Repetitions = 5, Warmups = 1, Threads = 2, Seed = 7,
                    Admission = new AdmissionSettings { MaxBatteryTemperatureC = 40, ThermalZoneTypes = ["cpu"], RequireNotCharging = true },
                },
                Variants = [new VariantDescriptor("q4_0", "/data/local/tmp/m.gguf", new string('a', 64), 93_000_000, "llama", "Q4_0",
                    163_000_000, 49152, 2048, "neon", 2, 120_000_000)],
                TelemetrySources = [SampleSource.Procfs, SampleSource.Sysfs],
            },
            new PhaseEvent { Seq = 2, TMs = 10, Variant = "q4_0", Repetition = 0, Warmup = true, Phase = BenchPhaseName.Prefill, Edge = PhaseEdge.Start },
            new SampleEvent { Seq = 3, TMs = 11, Metric = TelemetryMetrics.BatteryVoltage, Instance = "battery", Value = 4012.5, Unit = "mV", Source = SampleSource.Sysfs },
            new SampleEvent { Seq = 4, TMs = 11, Metric = TelemetryMetrics.BatteryCurrent, Unit = "mA", Source = SampleSource.Unavailable, Note = "permission denied" },
            new TokenEvent { Seq = 5, TMs = 12, Variant = "q4_0", Repetition = 0, Index = 3, TokenId = 912, Ms = 4.25 },
            new AdmissionEvent
            {
                Seq = 6, TMs = 13, Variant = "q4_0", Repetition = 1, Admitted = true, Forced = false, WaitedMs = 3000, Polls = 4,
                WaitedFor = ["battery temperature 41.0 °C > 40 °C"], Unchecked = ["thermal zones: none readable"],
                Conditions = new AdmissionConditions(80, 39.5, null, false, "Discharging", SampleSource.Sysfs),
            },
            new RepetitionResultEvent
            {
                Seq = 7, TMs = 14, Variant = "q4_0", Repetition = 1, PromptTokens = 128, GeneratedTokens = 4, TimeToFirstTokenMs = 80,
                PrefillMs = 78, PrefillTokensPerSecond = 1641, DecodeTokensPerSecond = 222, DecodeMsPerToken = summary, PeakRssBytes = 190_000_000,
                PeakRssMethod = PeakMemoryMethods.HighWaterMarkReset, LoadMs = 41.5,
                Energy = new PhaseEnergy<EnergyEstimate>(estimate, invalid),
            },
            new VariantResultEvent
            {
                Seq = 8, TMs = 15, Variant = "q4_0", Sha256 = new string('b', 64), Repetitions = 2,
                DecodeTokensPerSecond = SampleSummary.Of([220.0, 224.0]), DecodeMsPerToken = summary,
                PrefillTokensPerSecond = SampleSummary.Of([1600.0, 1650.0]), TimeToFirstTokenMs = SampleSummary.Of([80.0, 81.0]),
                PeakRssBytes = SampleSummary.Of([1.9e8, 1.9e8]), PeakRssMethod = PeakMemoryMethods.SampledResidentMax,
                LoadMs = SampleSummary.Of([41.5, 39.0]),
                Energy = new PhaseEnergy<EnergySummary>(energySummary, energySummary),
                Quality = new QualityResult(12.5, 500, 128, "f16", 0.031, 0.94),
            },
            new ErrorEvent { Seq = 9, TMs = 16, Code = AgentErrorCodes.Sha256Mismatch, Message = "sha256 of m.gguf is aa…, expected bb…", Fatal = true, Variant = "q4_0" },
        ];
    }
}
