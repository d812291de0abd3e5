using Xunit.Abstractions;
using DeviceLab.Agent.Benchmark;
using DeviceLab.Agent.Output;
using DeviceLab.Agent.Telemetry;
using DeviceLab.Agent.Tests.Output;
using DeviceLab.Agent.Tests.Telemetry;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Benchmark;

/// <summary>Interleaved variants on the real /proc: each repetition's peak is its own variant's footprint (ADR 0068).</summary>
[Collection(ProcessMemoryCollection.Name)]
public sealed class PeakMemoryPerVariantTests(SizedVariants variants, ITestOutputHelper output) : IClassFixture<SizedVariants>, IDisposable
{
    private readonly PreparedKernelTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Interleaved_variants_each_report_their_own_peak_from_the_reset_high_water_mark()
    {
        Assert.True(File.Exists("/proc/self/clear_refs"), "this test needs Linux procfs");
        var target = new RecordingEventTarget();
        var request = new BenchRequest(
            [new VariantFile("f32", variants.F32, null), new VariantFile("q4_0", variants.Q4_0, null)],
            new BenchParameters { PromptTokens = 4, GeneratedTokens = 2, Repetitions = 2, Warmups = 0, Threads = 1, Seed = 5, ContextLength = 64 },
            new TelemetryOptions(_tree.SysfsRoot, "/proc", IntervalMs: 50));

        var exit = await BenchmarkRunner.RunAsync(request, new AgentEventStream(target, new AgentClock(TimeProvider.System)), TextWriter.Null, CancellationToken.None);

        Assert.Equal(AgentExitCodes.Success, exit);
        var reps = target.OfType<RepetitionResultEvent>();
        Assert.Equal(["f32", "q4_0", "f32", "q4_0"], reps.Select(r => r.Variant));
        Assert.All(reps, r => Assert.Equal(PeakMemoryMethods.HighWaterMarkReset, r.PeakRssMethod));
        Assert.All(reps, r => Assert.True(r.LoadMs > 0));
        var big = reps.Where(r => r.Variant == "f32").Select(r => r.PeakRssBytes).ToList();
        var small = reps.Where(r => r.Variant == "q4_0").Select(r => r.PeakRssBytes).ToList();
        output.WriteLine($"weights f32 {variants.F32WeightBytes:N0} q4_0 {variants.Q4_0WeightBytes:N0}; peaks f32 [{string.Join(", ", big.Select(b => b.ToString("N0")))}] q4_0 [{string.Join(", ", small.Select(b => b.ToString("N0")))}]; load ms [{string.Join(", ", reps.Select(r => $"{r.LoadMs:0.0}"))}]");

        // Every weight is read in every pass (tied output), so a repetition's peak holds at least its own weights…
        Assert.All(big, peak => Assert.True(peak >= variants.F32WeightBytes, $"f32 peak {peak} < its weights {variants.F32WeightBytes}"));
        Assert.All(small, peak => Assert.True(peak >= variants.Q4_0WeightBytes, $"q4_0 peak {peak} < its weights {variants.Q4_0WeightBytes}"));
        // …and not the other variant's: the peaks differ by most of the difference in weights (~97 MB; the runtime's
        // own memory moves by a few MB between repetitions). With both variants mapped they were equal.
        var weightGap = variants.F32WeightBytes - variants.Q4_0WeightBytes;
        Assert.True(big.Min() - small.Max() >= weightGap / 2,
            $"f32 peaks [{string.Join(", ", big)}] should exceed q4_0 peaks [{string.Join(", ", small)}] by ≥ {weightGap / 2} bytes");

        var finals = target.OfType<VariantResultEvent>();
        Assert.All(finals, f => Assert.Equal(PeakMemoryMethods.HighWaterMarkReset, f.PeakRssMethod));
        Assert.All(finals, f => Assert.Equal(2, f.LoadMs!.Value.Count));
        Assert.DoesNotContain(target.OfType<ErrorEvent>(), e => e.Message.Contains("clear_refs"));
    }
}
