using DeviceLab.Core.AgentProtocol;
using DeviceLab.Server.Runs.Execution;
using Microsoft.Extensions.Time.Testing;

namespace DeviceLab.Server.Tests.Runs.Execution;

public class PhaseWatchdogTests
{
    // Push 60 s per file, admission 30 s, benchmark 600 s.
    private static readonly PhaseLimits Limits = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(600));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
    private readonly AttemptStop _stop = new(CancellationToken.None);

    private static HelloEvent Hello() => new()
    {
        Seq = 0, TMs = 0, AgentVersion = "test", EngineVersion = "test", Mode = "network",
        Device = new DeviceFingerprint("Pixel 8", "Google", "test-build", "arm64-v8a", 8, IsVirtual: false),
    };

    private static PhaseEvent Phase(PhaseEdge edge, long seq) => new()
    {
        Seq = seq, TMs = seq, Variant = "v1-q4_0", Repetition = 0, Warmup = false, Phase = BenchPhaseName.Decode, Edge = edge,
    };

    private StopReason.Timeout? After(PhaseWatchdog watchdog, double seconds)
    {
        _time.Advance(TimeSpan.FromSeconds(seconds));
        return watchdog.Overrun();
    }

    [Fact]
    public void Without_a_startup_limit_the_silent_start_is_the_first_admission_wait()
    {
        var watchdog = new PhaseWatchdog(Limits, startupLimit: null, _stop, _time);

        var reason = Assert.IsType<StopReason.Timeout>(After(watchdog, 31));

        Assert.Equal("admission", reason.Phase);
    }

    [Fact]
    public void A_download_longer_than_the_admission_wait_but_within_the_startup_limit_goes_on()
    {
        var watchdog = new PhaseWatchdog(Limits, startupLimit: TimeSpan.FromSeconds(3 * 60 + 30), _stop, _time);

        Assert.Null(After(watchdog, 200));
        watchdog.OnEvent(Hello());
        // The admission clock starts at the hello: 29 s later nothing has run over...
        Assert.Null(After(watchdog, 29));
        watchdog.OnEvent(Phase(PhaseEdge.Start, 1));
        // ...and the benchmark limit counts from the hello too, not from the start of the download.
        Assert.Null(After(watchdog, 500));
        var reason = Assert.IsType<StopReason.Timeout>(After(watchdog, 100));
        Assert.Equal("benchmark", reason.Phase);
    }

    [Fact]
    public void An_agent_silent_past_the_startup_limit_is_stopped_naming_the_startup()
    {
        var watchdog = new PhaseWatchdog(Limits, startupLimit: TimeSpan.FromSeconds(90), _stop, _time);

        var reason = Assert.IsType<StopReason.Timeout>(After(watchdog, 91));

        Assert.Equal("startup", reason.Phase);
        Assert.Contains("sent nothing for 90 s", reason.Message);
    }

    [Fact]
    public void After_a_repetition_the_admission_limit_applies_again()
    {
        var watchdog = new PhaseWatchdog(Limits, startupLimit: TimeSpan.FromSeconds(90), _stop, _time);
        watchdog.OnEvent(Hello());
        watchdog.OnEvent(Phase(PhaseEdge.Start, 1));
        Assert.Null(After(watchdog, 100));
        watchdog.OnEvent(Phase(PhaseEdge.End, 2));

        var reason = Assert.IsType<StopReason.Timeout>(After(watchdog, 31));

        Assert.Equal("admission", reason.Phase);
    }

    [Fact]
    public async Task Watching_stops_the_attempt_with_the_overrun_phase()
    {
        var watchdog = new PhaseWatchdog(Limits, startupLimit: TimeSpan.FromSeconds(90), _stop, _time);
        var watching = watchdog.WatchAsync(CancellationToken.None);

        // The timer's continuation runs on the thread pool: advance in ticks until it has seen the overrun.
        for (var tick = 0; tick < 10_000 && _stop.Reason is null; tick++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(1);
        }
        await watching.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("startup", Assert.IsType<StopReason.Timeout>(_stop.Reason).Phase);
        Assert.True(_stop.Token.IsCancellationRequested);
    }
}
