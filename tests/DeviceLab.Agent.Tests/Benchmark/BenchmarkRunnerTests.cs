using DeviceLab.Agent.Benchmark;
using DeviceLab.Agent.Output;
using DeviceLab.Agent.Telemetry;
using DeviceLab.Agent.Tests.Output;
using DeviceLab.Agent.Tests.Telemetry;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Statistics;

namespace DeviceLab.Agent.Tests.Benchmark;

public sealed class BenchmarkRunnerTests(TinyVariants variants) : IClassFixture<TinyVariants>, IDisposable
{
    private readonly PreparedKernelTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private BenchRequest Request(int reps = 3, int gen = 5, int warmups = 1) => new(
        [new VariantFile("f32", variants.F32, null), new VariantFile("q4_0", variants.Q4_0, null)],
        new BenchParameters { PromptTokens = 12, GeneratedTokens = gen, Repetitions = reps, Warmups = warmups, Threads = 1, Seed = 3 },
        new TelemetryOptions(_tree.SysfsRoot, _tree.ProcfsRoot, IntervalMs: 20));

    [Fact]
    public async Task Two_variants_interleaved_stream_events_the_shared_parser_reads_back_into_the_same_results()
    {
        var target = new RecordingEventTarget();
        var events = new AgentEventStream(target, new AgentClock(TimeProvider.System));

        var exit = await BenchmarkRunner.RunAsync(Request(), events, TextWriter.Null, CancellationToken.None);

        Assert.Equal(AgentExitCodes.Success, exit);
        var transcript = await AgentEventTranscript.ReadAsync(new StringReader(target.Text));
        Assert.Empty(transcript.ParseErrors);
        Assert.Equal(target.Events.Count, transcript.ContiguousThroughSeq);
        // Same results after the round trip: every event re-serializes to the line that was written.
        Assert.Equal(target.Events.Select(AgentEventWriter.ToJson), transcript.Events.Select(AgentEventWriter.ToJson));

        var hello = Assert.IsType<HelloEvent>(transcript.Events.First());
        Assert.Equal(["f32", "q4_0"], hello.Variants.Select(v => v.Label));
        Assert.Equal(["f32", "q4_0"], hello.Variants.Select(v => v.FileType));
        Assert.All(hello.Variants, v => Assert.Equal(64, v.Sha256.Length));
        Assert.NotNull(hello.KernelPath);

        // A B A B A B, each admitted first; token events = repetitions × generated tokens per variant.
        Assert.Equal(["f32", "q4_0", "f32", "q4_0", "f32", "q4_0"], transcript.RepetitionResults.Select(r => r.Variant));
        Assert.Equal([0, 0, 1, 1, 2, 2], transcript.RepetitionResults.Select(r => r.Repetition));
        Assert.Equal(6, transcript.Admissions.Count);
        Assert.All(transcript.Admissions, a => Assert.True(a.Admitted));
        Assert.Equal(2 * 3 * 5, transcript.Tokens.Count);
        foreach (var label in new[] { "f32", "q4_0" })
        {
            Assert.Equal(3 * 5, transcript.Tokens.Count(t => t.Variant == label));
            var final = Assert.Single(transcript.VariantResults, r => r.Variant == label);
            var reps = transcript.RepetitionResults.Where(r => r.Variant == label).ToList();
            var tokenMs = transcript.Tokens.Where(t => t.Variant == label).Select(t => t.Ms).ToList();
            Assert.Equal(3, final.Repetitions);
            Assert.Equal(SampleSummary.Of(reps.Select(r => r.DecodeTokensPerSecond)), final.DecodeTokensPerSecond);
            Assert.Equal(SampleSummary.Of(tokenMs), final.DecodeMsPerToken);
            Assert.All(reps, r => Assert.True(r.DecodeTokensPerSecond > 0 && r.PrefillTokensPerSecond > 0 && r.TimeToFirstTokenMs > 0));
            // The prepared tree's battery is discharging at 500 mA and 4.2 V: every phase has a valid sysfs energy figure.
            Assert.All(reps, r =>
            {
                Assert.True(r.Energy!.Decode.Valid, r.Energy.Decode.InvalidReason);
                Assert.Equal(SampleSource.Sysfs, r.Energy.Decode.Source);
                Assert.Equal(EnergyMethod.PowerIntegral, r.Energy.Decode.Method);
            });
            Assert.True(final.Energy!.Decode.Valid);
        }

        // Warm-ups are marked; every measured repetition has its four phase marks in time order.
        Assert.Equal(2 * 4, transcript.Phases.Count(p => p.Warmup));
        var marks = transcript.Phases.Where(p => !p.Warmup && p.Variant == "q4_0" && p.Repetition == 1).ToList();
        Assert.Equal([BenchPhaseName.Prefill, BenchPhaseName.Prefill, BenchPhaseName.Decode, BenchPhaseName.Decode], marks.Select(m => m.Phase));
        Assert.True(marks.Zip(marks.Skip(1)).All(pair => pair.First.TMs <= pair.Second.TMs));
        Assert.Contains(transcript.Samples, s => s.Metric == TelemetryMetrics.BatteryVoltage && s.Source == SampleSource.Sysfs && s.Value == 4200);
        Assert.Contains(transcript.Samples, s => s.Metric == TelemetryMetrics.MemoryResident && s.Source == SampleSource.Procfs);
    }

    [Fact]
    public async Task A_procfs_tree_without_clear_refs_reports_the_sampled_resident_maximum_as_the_method()
    {
        // VmHWM (12 000 kB) covers the life of the process when it cannot be reset: the peak must come from VmRSS samples.
        _tree.SetMemory(rssKb: 10_000, peakKb: 12_000);
        var target = new RecordingEventTarget();

        var exit = await BenchmarkRunner.RunAsync(Request(reps: 2, gen: 2, warmups: 0), new AgentEventStream(target, new AgentClock(TimeProvider.System)), TextWriter.Null, CancellationToken.None);

        Assert.Equal(AgentExitCodes.Success, exit);
        Assert.All(target.OfType<RepetitionResultEvent>(), r =>
        {
            Assert.Equal(PeakMemoryMethods.SampledResidentMax, r.PeakRssMethod);
            Assert.Equal(10_000 * 1024L, r.PeakRssBytes);
        });
        Assert.All(target.OfType<VariantResultEvent>(), r => Assert.Equal(PeakMemoryMethods.SampledResidentMax, r.PeakRssMethod));
        var warning = Assert.Single(target.OfType<ErrorEvent>(), e => e.Message.Contains("clear_refs"));
        Assert.False(warning.Fatal);
        Assert.Equal(AgentErrorCodes.TelemetryUnavailable, warning.Code);
        Assert.False(File.Exists(_tree.ClearRefs));
    }

    [Fact]
    public async Task A_procfs_tree_with_clear_refs_is_reset_before_each_repetition_and_reports_the_high_water_mark()
    {
        _tree.AddClearRefs();
        _tree.SetMemory(rssKb: 10_000, peakKb: 12_000);
        var target = new RecordingEventTarget();

        var exit = await BenchmarkRunner.RunAsync(Request(reps: 2, gen: 2, warmups: 0), new AgentEventStream(target, new AgentClock(TimeProvider.System)), TextWriter.Null, CancellationToken.None);

        Assert.Equal(AgentExitCodes.Success, exit);
        Assert.Equal("5", File.ReadAllText(_tree.ClearRefs));
        Assert.All(target.OfType<RepetitionResultEvent>(), r =>
        {
            Assert.Equal(PeakMemoryMethods.HighWaterMarkReset, r.PeakRssMethod);
            Assert.Equal(12_000 * 1024L, r.PeakRssBytes);
        });
        Assert.DoesNotContain(target.OfType<ErrorEvent>(), e => e.Message.Contains("clear_refs"));
    }

    [Theory]
    [InlineData(true, AgentErrorCodes.VariantMissing, "disappeared")]
    [InlineData(false, AgentErrorCodes.VariantInvalid, "changed")]
    public async Task A_variant_removed_or_rewritten_between_repetitions_is_refused_when_reopened_and_earlier_results_stand(bool delete, string code, string word)
    {
        // Each repetition reopens its variant: a copy that goes away (or changes) after the first result must not be run unchecked.
        var copy = Path.Combine(_tree.Root, "q4_0-copy.gguf");
        File.Copy(variants.Q4_0, copy);
        var target = new FileChangingTarget(() =>
        {
            if (delete) File.Delete(copy);
            else File.AppendAllText(copy, "x");
        });
        var request = Request(reps: 2, gen: 2, warmups: 0) with { Variants = [new VariantFile("f32", variants.F32, null), new VariantFile("q4_0", copy, null)] };

        var exit = await BenchmarkRunner.RunAsync(request, new AgentEventStream(target, new AgentClock(TimeProvider.System)), TextWriter.Null, CancellationToken.None);

        Assert.Equal(AgentExitCodes.BadInput, exit);
        Assert.Equal("f32", Assert.Single(target.Inner.OfType<RepetitionResultEvent>()).Variant);
        var error = Assert.Single(target.Inner.OfType<ErrorEvent>(), e => e.Fatal);
        Assert.Equal(code, error.Code);
        Assert.Equal("q4_0", error.Variant);
        Assert.Contains(copy, error.Message);
        Assert.Contains(word, error.Message);
    }

    /// <summary>Runs an action once, when the first repetition result is written.</summary>
    private sealed class FileChangingTarget(Action change) : IAgentEventTarget
    {
        private bool _changed;

        public RecordingEventTarget Inner { get; } = new();

        public void Write(AgentEvent agentEvent, byte[] utf8Line)
        {
            Inner.Write(agentEvent, utf8Line);
            if (agentEvent is RepetitionResultEvent && !_changed)
            {
                _changed = true;
                change();
            }
        }
    }

    [Fact]
    public async Task Simulated_power_labels_every_battery_sample_and_energy_simulated()
    {
        var target = new RecordingEventTarget();
        var request = Request(reps: 1, gen: 3, warmups: 0) with { Telemetry = new TelemetryOptions(_tree.SysfsRoot, _tree.ProcfsRoot, SimulatedPower: true, IntervalMs: 20) };

        var exit = await BenchmarkRunner.RunAsync(request, new AgentEventStream(target, new AgentClock(TimeProvider.System)), TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains(SampleSource.Simulated, target.OfType<HelloEvent>()[0].TelemetrySources);
        var battery = target.OfType<SampleEvent>().Where(s => s.Metric.StartsWith("battery.", StringComparison.Ordinal) || s.Metric == TelemetryMetrics.ThermalZone).ToList();
        Assert.NotEmpty(battery);
        Assert.All(battery, s => Assert.Equal(SampleSource.Simulated, s.Source));
        Assert.All(target.OfType<RepetitionResultEvent>(), r => Assert.Equal(SampleSource.Simulated, r.Energy!.Decode.Source));
    }

    [Fact]
    public async Task Cancelling_mid_run_ends_with_a_cancelled_error_and_exit_130()
    {
        using var cancel = new CancellationTokenSource();
        var target = new CancellingTarget(cancel);

        var exit = await BenchmarkRunner.RunAsync(Request(reps: 1000, gen: 5, warmups: 0), new AgentEventStream(target, new AgentClock(TimeProvider.System)),
            TextWriter.Null, cancel.Token).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AgentExitCodes.Cancelled, exit);
        var error = Assert.Single(target.Inner.OfType<ErrorEvent>(), e => e.Fatal);
        Assert.Equal(AgentErrorCodes.Cancelled, error.Code);
        Assert.True(target.Inner.OfType<RepetitionResultEvent>().Count < 2000);
    }

    [Fact]
    public async Task A_device_that_stays_hot_is_not_admitted_exit_3_with_the_record()
    {
        _tree.SetBattery(4_000_000, -400_000, 3_000_000, 70, 480, "Discharging");
        var request = Request(reps: 2, gen: 3, warmups: 1) with
        {
            Parameters = Request().Parameters with { Admission = new AdmissionSettings { MaxBatteryTemperatureC = 40, TimeoutMs = 0 } },
        };
        var target = new RecordingEventTarget();

        var exit = await BenchmarkRunner.RunAsync(request, new AgentEventStream(target, new AgentClock(TimeProvider.System)), TextWriter.Null, CancellationToken.None);

        Assert.Equal(AgentExitCodes.NotAdmitted, exit);
        var admission = Assert.Single(target.OfType<AdmissionEvent>());
        Assert.False(admission.Admitted);
        Assert.Equal(["battery temperature 48 °C > 40 °C"], admission.Unmet);
        var error = Assert.Single(target.OfType<ErrorEvent>(), e => e.Fatal);
        Assert.Equal(AgentErrorCodes.NotAdmitted, error.Code);
        Assert.Contains("48 °C > 40 °C", error.Message);
        Assert.Empty(target.OfType<RepetitionResultEvent>());
    }

    [Fact]
    public async Task A_closed_stdout_stops_the_run_with_exit_1_instead_of_crashing()
    {
        var target = new BrokenTarget(afterEvents: 5);
        var log = new StringWriter();

        var exit = await BenchmarkRunner.RunAsync(Request(reps: 50, gen: 5), new AgentEventStream(target, new AgentClock(TimeProvider.System)), log, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AgentExitCodes.InternalError, exit);
        Assert.Contains("the event stream is gone", log.ToString());
    }

    /// <summary>Accepts a few events, then fails like a closed pipe.</summary>
    private sealed class BrokenTarget(int afterEvents) : IAgentEventTarget
    {
        private int _written;

        public void Write(AgentEvent agentEvent, byte[] utf8Line)
        {
            if (Interlocked.Increment(ref _written) > afterEvents) throw new IOException("Broken pipe");
        }
    }

    /// <summary>Cancels the run when the first measured token event is written.</summary>
    private sealed class CancellingTarget(CancellationTokenSource cancel) : IAgentEventTarget
    {
        public RecordingEventTarget Inner { get; } = new();

        public void Write(AgentEvent agentEvent, byte[] utf8Line)
        {
            Inner.Write(agentEvent, utf8Line);
            if (agentEvent is TokenEvent) cancel.Cancel();
        }
    }
}
