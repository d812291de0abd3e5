using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Statistics;

namespace DeviceLab.Benchmarks.AgentHub;

/// <summary>
/// A simulated agent's event stream for one job, on a virtual clock of 250 ms telemetry ticks: a hello naming the job's
/// variant and parameters, then per tick the agent's 12 telemetry samples and the benchmark's next events — each measured
/// repetition is an admission record, prefill start / end, decode start, <see cref="TokensPerTick"/> tokens a tick, decode
/// end and a repetition result — and at the end the variant's result. Sequence numbers are the stream's
/// (<c>AgentEventStream</c>) to give; every value is generated (integers, so sums compare exactly with PostgreSQL's).
/// </summary>
internal sealed class BenchEventScript
{
    /// <summary>Decode speed of the simulated phone: 4 tokens per 250 ms tick = 16 tokens/s.</summary>
    public const int TokensPerTick = 4;

    public const int SamplesPerTick = 12;

    private const double TickMs = 250;

    private static readonly (string Metric, string? Instance, string Unit)[] Metrics =
    [
        (TelemetryMetrics.MemoryResident, null, TelemetryMetrics.UnitBytes), (TelemetryMetrics.MemoryPeak, null, TelemetryMetrics.UnitBytes),
        (TelemetryMetrics.BatteryVoltage, null, TelemetryMetrics.UnitMillivolts), (TelemetryMetrics.BatteryCurrent, null, TelemetryMetrics.UnitMilliamps),
        (TelemetryMetrics.BatteryDischargeCurrent, null, TelemetryMetrics.UnitMilliamps), (TelemetryMetrics.BatteryChargeCounter, null, TelemetryMetrics.UnitMilliampHours),
        (TelemetryMetrics.BatteryLevel, null, TelemetryMetrics.UnitPercent), (TelemetryMetrics.BatteryTemperature, null, TelemetryMetrics.UnitCelsius),
        (TelemetryMetrics.ThermalZone, "thermal_zone0", TelemetryMetrics.UnitCelsius), (TelemetryMetrics.ThermalZone, "thermal_zone1", TelemetryMetrics.UnitCelsius),
        (TelemetryMetrics.CpuFrequency, "cpu0", TelemetryMetrics.UnitMegahertz), (TelemetryMetrics.CpuFrequency, "cpu1", TelemetryMetrics.UnitMegahertz),
    ];

    private readonly AgentJob _job;
    private readonly AgentJobVariant _variant;
    private readonly IEnumerator<AgentEvent> _benchmark;
    private readonly List<RepetitionResultEvent> _repetitions = [];
    private readonly List<double> _tokenMs = [];
    private long _tick;

    public BenchEventScript(AgentJob job)
    {
        _job = job;
        _variant = job.Variants[0];
        _benchmark = Repetitions().GetEnumerator();
    }

    /// <summary>Samples handed out so far, and the sum of their values (to hold against what PostgreSQL stored).</summary>
    public long Samples { get; private set; }

    public long SampleValueSum { get; private set; }

    public long Tokens { get; private set; }

    public HelloEvent Hello() => new()
    {
        TMs = 0, Device = SimulatedAgent.Fingerprint, AgentVersion = "hub-bench", EngineVersion = "hub-bench", Mode = "network",
        KernelPath = "simulated", Parameters = _job.Parameters, TelemetrySources = [SampleSource.Simulated],
        Variants = [new VariantDescriptor(_variant.Label, $"variants/{_variant.Sha256}.gguf", _variant.Sha256, _variant.SizeBytes,
            "llama", "F16", 1_000_000, 512, _job.Parameters.PromptTokens + _job.Parameters.GeneratedTokens, "simulated", 1, 300_000_000)],
    };

    /// <summary>The next 250 ms of the agent's life: its samples, then the benchmark's events until <see cref="TokensPerTick"/> tokens.</summary>
    public IReadOnlyList<AgentEvent> NextTick()
    {
        var tick = ++_tick;
        var tMs = tick * TickMs;
        var events = new List<AgentEvent>(SamplesPerTick + TokensPerTick + 4);
        for (var i = 0; i < SamplesPerTick; i++)
        {
            var value = 1000 + i * 10 + tick % 97;
            events.Add(new SampleEvent
            {
                TMs = tMs, Metric = Metrics[i].Metric, Instance = Metrics[i].Instance, Value = value, Unit = Metrics[i].Unit, Source = SampleSource.Simulated,
            });
            Samples++;
            SampleValueSum += value;
        }
        for (var tokens = 0; tokens < TokensPerTick && _benchmark.MoveNext();)
        {
            events.Add(_benchmark.Current with { TMs = tMs + events.Count });
            if (_benchmark.Current is TokenEvent) tokens++;
        }
        return events;
    }

    /// <summary>What is left of the benchmark once the stream stops ticking, and the variant's result.</summary>
    public IEnumerable<AgentEvent> Finish()
    {
        var tMs = (_tick + 1) * TickMs;
        while (_benchmark.MoveNext()) yield return _benchmark.Current with { TMs = tMs };
        var repetitions = _repetitions.Count > 0 ? _repetitions : throw new InvalidOperationException("the script ended before its first repetition");
        yield return new VariantResultEvent
        {
            TMs = tMs, Variant = _variant.Label, Sha256 = _variant.Sha256, Repetitions = repetitions.Count,
            DecodeTokensPerSecond = SampleSummary.Of(repetitions.Select(r => r.DecodeTokensPerSecond)),
            DecodeMsPerToken = SampleSummary.Of(_tokenMs),
            PrefillTokensPerSecond = SampleSummary.Of(repetitions.Select(r => r.PrefillTokensPerSecond)),
            TimeToFirstTokenMs = SampleSummary.Of(repetitions.Select(r => r.TimeToFirstTokenMs)),
            PeakRssBytes = SampleSummary.Of(repetitions.Select(r => (double)r.PeakRssBytes)), PeakRssMethod = PeakMemoryMethods.SampledResidentMax,
        };
    }

    /// <summary>The job's measured repetitions (no warm-ups are asked of the bench's run), in the order the agent emits them.</summary>
    private IEnumerable<AgentEvent> Repetitions()
    {
        var p = _job.Parameters;
        var label = _variant.Label;
        for (var r = 0; r < p.Repetitions; r++)
        {
            yield return new AdmissionEvent { Variant = label, Repetition = r, Admitted = true, Forced = false, WaitedMs = 0, Polls = 1 };
            yield return Phase(r, BenchPhaseName.Prefill, PhaseEdge.Start);
            yield return Phase(r, BenchPhaseName.Prefill, PhaseEdge.End);
            yield return Phase(r, BenchPhaseName.Decode, PhaseEdge.Start);
            var ms = new double[p.GeneratedTokens];
            for (var i = 0; i < ms.Length; i++)
            {
                ms[i] = 60 + (r + i) % 7;
                Tokens++;
                yield return new TokenEvent { Variant = label, Repetition = r, Index = i, Ms = ms[i] };
            }
            yield return Phase(r, BenchPhaseName.Decode, PhaseEdge.End);
            _tokenMs.AddRange(ms);
            var decode = SampleSummary.Of(ms);
            var result = new RepetitionResultEvent
            {
                Variant = label, Repetition = r, PromptTokens = p.PromptTokens, GeneratedTokens = p.GeneratedTokens,
                TimeToFirstTokenMs = 200, PrefillMs = 200, PrefillTokensPerSecond = p.PromptTokens / 0.2, DecodeTokensPerSecond = 1000 / decode.Mean,
                DecodeMsPerToken = decode, PeakRssBytes = 300_000_000, PeakRssMethod = PeakMemoryMethods.SampledResidentMax,
            };
            _repetitions.Add(result);
            yield return result;
        }
    }

    private PhaseEvent Phase(int repetition, BenchPhaseName phase, PhaseEdge edge) =>
        new() { Variant = _variant.Label, Repetition = repetition, Warmup = false, Phase = phase, Edge = edge };
}
