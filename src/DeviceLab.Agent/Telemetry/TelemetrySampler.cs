using DeviceLab.Agent.Output;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Telemetry;

/// <summary>
/// Reads every telemetry source on a background thread (default every 250 ms, and at once when asked, e.g. at a
/// phase boundary), emits one sample event per reading and hands each tick to its listeners (energy trace).
/// An unreadable file is reported once as an unavailable sample plus a warning, and again only if it recovers
/// and fails anew — never an exception, never a flood.
/// </summary>
public sealed class TelemetrySampler : IDisposable
{
    private readonly IReadOnlyList<ITelemetrySource> _sources;
    private readonly AgentEventStream _events;
    private readonly TimeSpan _interval;
    private readonly Lock _sampleGate = new();
    private readonly HashSet<string> _unavailable = [];
    private readonly AutoResetEvent _wake = new(false);
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;

    public TelemetrySampler(IReadOnlyList<ITelemetrySource> sources, AgentEventStream events, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "Telemetry interval must be positive.");
        _sources = sources;
        _events = events;
        _interval = interval;
    }

    /// <summary>Called with every tick, on the sampling thread (or the caller of <see cref="SampleNow"/>).</summary>
    public event Action<TelemetrySnapshot>? Sampled;

    public TelemetrySnapshot? Latest { get; private set; }

    /// <summary>Reads every source now, emits the samples and returns the tick.</summary>
    public TelemetrySnapshot SampleNow()
    {
        lock (_sampleGate)
        {
            var readings = new List<TelemetryReading>(32);
            foreach (var source in _sources)
            {
                try
                {
                    source.Read(readings);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
                {
                    // Sources turn file problems into unavailable readings; this is the last line of defence.
                    readings.Add(TelemetryReading.Unavailable(source.GetType().Name, null, "", e.Message));
                }
            }
            var snapshot = new TelemetrySnapshot(_events.Clock.NowMs, readings);
            Publish(snapshot);
            Latest = snapshot;
            Sampled?.Invoke(snapshot);
            return snapshot;
        }
    }

    /// <summary>Wakes the sampling thread for an extra tick without waiting for it (cheap: no I/O on the caller).</summary>
    public void RequestSample() => _wake.Set();

    public void Start()
    {
        if (_thread is not null) return;
        _thread = new Thread(Loop) { IsBackground = true, Name = "devicelab-telemetry" };
        _thread.Start();
    }

    public void Stop()
    {
        if (_thread is null) return;
        _stop.Cancel();
        _wake.Set();
        _thread.Join();
        _thread = null;
    }

    public void Dispose()
    {
        Stop();
        _wake.Dispose();
        _stop.Dispose();
    }

    private void Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                SampleNow();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The event target is gone (stdout closed): nothing left to report to.
                Console.Error.WriteLine($"devicelab-agent: telemetry stopped: {e.Message}");
                return;
            }
            _wake.WaitOne(_interval);
        }
    }

    private void Publish(TelemetrySnapshot snapshot)
    {
        foreach (var r in snapshot.Readings)
        {
            var key = r.Metric + "|" + r.Instance;
            if (r.IsAvailable)
            {
                _unavailable.Remove(key);
                _events.Emit(new SampleEvent
                {
                    TMs = snapshot.TMs, Metric = r.Metric, Instance = r.Instance, Value = r.Value, Unit = r.Unit,
                    Source = r.Source, Text = r.Text, Note = r.Note,
                });
            }
            else if (_unavailable.Add(key))
            {
                _events.Emit(new SampleEvent
                {
                    TMs = snapshot.TMs, Metric = r.Metric, Instance = r.Instance, Unit = r.Unit, Source = SampleSource.Unavailable, Note = r.Note,
                });
                _events.Error(AgentErrorCodes.TelemetryUnavailable,
                    $"{r.Metric}{(r.Instance is null ? "" : $" ({r.Instance})")} is unavailable: {r.Note}", fatal: false);
            }
        }
    }
}
