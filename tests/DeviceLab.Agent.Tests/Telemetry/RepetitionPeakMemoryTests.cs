using System.Runtime.InteropServices;
using DeviceLab.Agent.Output;
using DeviceLab.Agent.Telemetry;
using DeviceLab.Agent.Tests.Output;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Telemetry;

public sealed class RepetitionPeakMemoryTests : IDisposable
{
    private readonly PreparedKernelTree _tree = new();
    private readonly TelemetrySampler _sampler;

    public RepetitionPeakMemoryTests()
    {
        var events = new AgentEventStream(new RecordingEventTarget(), new AgentClock(TimeProvider.System));
        _sampler = new TelemetrySampler([new ProcessMemorySource(_tree.ProcfsRoot)], events, TimeSpan.FromSeconds(1));
    }

    public void Dispose()
    {
        _sampler.Dispose();
        _tree.Dispose();
    }

    [Fact]
    public void With_clear_refs_the_peak_is_the_high_water_mark_read_after_the_reset()
    {
        _tree.AddClearRefs();
        using var peak = new RepetitionPeakMemory(_tree.ProcfsRoot, _sampler);

        peak.Begin();
        Assert.Equal("5", File.ReadAllText(_tree.ClearRefs));
        _tree.SetMemory(rssKb: 20_000, peakKb: 31_000);
        var reading = peak.End();

        Assert.Equal(new PeakMemoryReading(31_000 * 1024L, PeakMemoryMethods.HighWaterMarkReset), reading);
    }

    [Fact]
    public void Without_clear_refs_the_peak_is_the_highest_resident_sample_between_begin_and_end()
    {
        using var peak = new RepetitionPeakMemory(_tree.ProcfsRoot, _sampler);
        _tree.SetMemory(rssKb: 90_000, peakKb: 90_000);
        _sampler.SampleNow(); // before the repetition: not counted

        peak.Begin();
        foreach (var rssKb in new[] { 10_000, 30_000, 20_000 })
        {
            // VmHWM was never reset, so it still holds the 90 MB from before: it must not be used.
            _tree.SetMemory(rssKb, peakKb: 90_000);
            _sampler.SampleNow();
        }
        var reading = peak.End();
        _tree.SetMemory(rssKb: 80_000, peakKb: 90_000);
        _sampler.SampleNow(); // after: not counted

        Assert.Equal(30_000 * 1024L, reading.Bytes);
        Assert.Equal(PeakMemoryMethods.SampledResidentMax, reading.Method);
        Assert.Contains("clear_refs does not exist", reading.Note);
        Assert.False(File.Exists(_tree.ClearRefs), "the fallback must not create clear_refs");
    }

    [Fact]
    public void With_neither_clear_refs_nor_samples_the_peak_is_unavailable_and_says_why()
    {
        _tree.RemoveStatus();
        using var peak = new RepetitionPeakMemory(_tree.ProcfsRoot, _sampler);

        peak.Begin();
        _sampler.SampleNow();
        var reading = peak.End();

        Assert.Equal(-1, reading.Bytes);
        Assert.Equal(PeakMemoryMethods.Unavailable, reading.Method);
        Assert.Contains("clear_refs", reading.Note);
    }
}

/// <summary>The reset on this machine's kernel: a peak from before <see cref="RepetitionPeakMemory.Begin"/> is forgotten.</summary>
[Collection(ProcessMemoryCollection.Name)]
public sealed class RepetitionPeakMemoryKernelTests
{
    [Fact]
    public void On_linux_the_reset_forgets_an_earlier_peak()
    {
        Assert.True(File.Exists("/proc/self/clear_refs"), "this test needs Linux procfs");
        var events = new AgentEventStream(new RecordingEventTarget(), new AgentClock(TimeProvider.System));
        using var sampler = new TelemetrySampler([new ProcessMemorySource("/proc")], events, TimeSpan.FromSeconds(1));
        using var peak = new RepetitionPeakMemory("/proc", sampler);

        // 256 MiB touched and freed (an allocation this large is its own mapping, returned to the OS when freed).
        const long earlierBytes = 256L << 20;
        var block = Marshal.AllocHGlobal((nint)earlierBytes);
        for (long i = 0; i < earlierBytes; i += 4096) Marshal.WriteByte(block, (int)i, 1);
        var hwmBefore = sampler.SampleNow().Value(TelemetryMetrics.MemoryPeak)!.Value;
        Marshal.FreeHGlobal(block);

        peak.Begin();
        var reading = peak.End();

        Assert.Equal(PeakMemoryMethods.HighWaterMarkReset, reading.Method);
        Assert.True(reading.Bytes < hwmBefore - (earlierBytes / 2), $"peak after reset {reading.Bytes} should be well below the earlier {hwmBefore}");
    }
}
