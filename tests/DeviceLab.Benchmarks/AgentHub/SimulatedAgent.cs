using System.Diagnostics;
using DeviceLab.Agent.Network;
using DeviceLab.Agent.Output;
using DeviceLab.Agent.Telemetry;
using DeviceLab.Core.AgentProtocol;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Benchmarks.AgentHub;

/// <summary>
/// One networked agent as the hub sees it, without the engine: a SignalR connection with its device token speaking
/// <see cref="AgentHubContract"/>, the agent's own <see cref="EventOutbox"/> and <see cref="AgentEventStream"/> (events stay
/// until acknowledged), and a send loop shaped like <c>NetworkAgent.SendLoopAsync</c>: one <c>PublishEvents</c> in flight,
/// each taking every pending event up to <see cref="BatchLines"/>. The bench drives it phase by phase.
/// </summary>
internal sealed class SimulatedAgent : IAsyncDisposable
{
    /// <summary>Most events in one hub call: the real agent's default (<see cref="ConnectOptions.BatchLines"/>).</summary>
    public static readonly int BatchLines = new ConnectOptions(new Uri("http://127.0.0.1"), "", "").BatchLines;

    /// <summary>What every simulated agent reports: a virtual device, so nothing it sends passes for a phone's figures.</summary>
    public static DeviceFingerprint Fingerprint { get; } = new("hub-bench simulated agent", "DeviceLab", "hub-bench", "arm64-v8a", 8, IsVirtual: true);

    private readonly HubConnection _connection;
    private readonly TaskCompletionSource<AgentJob> _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopSending = new();
    private readonly Queue<AgentEvent> _carried = new();
    private readonly Lock _acksGate = new();
    private readonly List<AckTiming> _acks = [];
    private TaskCompletionSource _online = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<string> _lastBatch = [];
    private EventOutbox _outbox = null!;
    private AgentEventStream _events = null!;
    private Task _sending = Task.CompletedTask;

    private SimulatedAgent(HubConnection connection)
    {
        _connection = connection;
        connection.On<AgentJob>(AgentHubContract.AssignJob, job => _assigned.TrySetResult(job));
    }

    /// <summary>The job the server assigned (after <see cref="TakeJobAsync"/>).</summary>
    public AgentJob Job { get; private set; } = null!;

    public BenchEventScript Script { get; private set; } = null!;

    /// <summary>Sequence number of the job's last event so far.</summary>
    public long LastSeq => _outbox.LastSeq;

    /// <summary>Which bench phase the next acknowledgements belong to.</summary>
    public string Phase { get; set; } = "steady";

    public IReadOnlyList<AckTiming> Acks
    {
        get { lock (_acksGate) return [.. _acks]; }
    }

    public static async Task<SimulatedAgent> ConnectAsync(string baseUrl, string deviceToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl), AgentHubContract.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(deviceToken))
            .AddJsonProtocol(o => AgentProtocolJsonContext.Register(o.PayloadSerializerOptions))
            .Build();
        var agent = new SimulatedAgent(connection);
        await agent.OnlineAsync(runningJobId: null);
        return agent;
    }

    /// <summary>Waits for the server's <c>AssignJob</c>, then starts sending.</summary>
    public async Task TakeJobAsync(TimeSpan timeout)
    {
        Job = await _assigned.Task.WaitAsync(timeout);
        _outbox = new EventOutbox(Job.JobId);
        _events = new AgentEventStream(_outbox, new AgentClock(TimeProvider.System));
        Script = new BenchEventScript(Job);
        _sending = SendLoopAsync(_stopSending.Token);
    }

    /// <summary>Hello, then telemetry and benchmark events as they happen for <paramref name="duration"/>; returns once all are acknowledged.</summary>
    public async Task StreamAsync(TimeSpan duration)
    {
        _events.Emit(Script.Hello());
        // Samples come at the tick, tokens as they are decoded (4 per tick): 16 wake-ups a second, as on a phone.
        using var slots = new PeriodicTimer(TimeSpan.FromMilliseconds(250.0 / BenchEventScript.TokensPerTick));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            foreach (var slot in Slots(Script.NextTick()))
            {
                await slots.WaitForNextTickAsync();
                foreach (var e in slot) _events.Emit(e);
            }
        }
        await _outbox.DrainedAsync(CancellationToken.None);
    }

    /// <summary>The connection drops; the agent keeps measuring: <paramref name="events"/> events wait in its outbox.</summary>
    public async Task DropAsync(int events)
    {
        _online = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await _connection.StopAsync();
        for (var queued = 0; queued < events;)
        {
            foreach (var e in Script.NextTick())
            {
                if (queued++ < events) _events.Emit(e);
                else _carried.Enqueue(e);
            }
        }
    }

    /// <summary>Reconnects and registers with the running job, re-sends the batch whose ack the drop lost, and sends the backlog.</summary>
    public async Task ReconnectAsync()
    {
        await OnlineAsync(Job.JobId, resend: _lastBatch);
        await _outbox.DrainedAsync(CancellationToken.None);
    }

    /// <summary>The rest of the benchmark and the variant's result, then <c>CompleteJob</c> once everything is acknowledged.</summary>
    public async Task FinishAsync()
    {
        while (_carried.TryDequeue(out var e)) _events.Emit(e);
        foreach (var e in Script.Finish()) _events.Emit(e);
        await _outbox.DrainedAsync(CancellationToken.None);
        await _stopSending.CancelAsync();
        await _sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _connection.InvokeAsync(AgentHubContract.CompleteJob, new AgentJobOutcome(Job.JobId, AgentExitCodes.Success, _outbox.LastSeq));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopSending.CancelAsync();
        await _sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _connection.DisposeAsync();
        _stopSending.Dispose();
    }

    private async Task OnlineAsync(string? runningJobId, IReadOnlyList<string>? resend = null)
    {
        await _connection.StartAsync();
        await _connection.InvokeAsync(AgentHubContract.Register, new AgentRegistration(Fingerprint, "hub-bench", "hub-bench", runningJobId));
        if (resend is { Count: > 0 }) await PublishAsync(resend, "resent");
        _online.TrySetResult();
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await _outbox.WaitForEventsAsync(cancellationToken);
            await _online.Task.WaitAsync(cancellationToken);
            var lines = _outbox.Peek(BatchLines);
            if (lines.Count == 0) continue;
            try
            {
                _outbox.Acknowledge(await PublishAsync(lines, Phase));
                _lastBatch = lines;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // As the agent does: not acknowledged, so the same events go again (and the bench reports the failure).
                lock (_acksGate) _acks.Add(new AckTiming("failed: " + e.Message, 0, lines.Count));
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private async Task<long> PublishAsync(IReadOnlyList<string> lines, string phase)
    {
        var started = Stopwatch.GetTimestamp();
        var ack = await _connection.InvokeAsync<AgentEventAck>(AgentHubContract.PublishEvents, new AgentEventBatch(_outbox.JobId, lines));
        lock (_acksGate) _acks.Add(new AckTiming(phase, Stopwatch.GetElapsedTime(started).TotalMilliseconds, lines.Count));
        return ack.StoredThroughSeq;
    }

    /// <summary>A tick's events in <see cref="BenchEventScript.TokensPerTick"/> slots: the samples with the events up to the first token, then one token each.</summary>
    private static IEnumerable<List<AgentEvent>> Slots(IReadOnlyList<AgentEvent> tick)
    {
        var slot = new List<AgentEvent>();
        var slots = 0;
        foreach (var e in tick)
        {
            slot.Add(e);
            if (e is TokenEvent && slots < BenchEventScript.TokensPerTick - 1)
            {
                yield return slot;
                slot = [];
                slots++;
            }
        }
        yield return slot;
        // A tick without tokens (the benchmark is over) still lasts 250 ms.
        for (slots++; slots < BenchEventScript.TokensPerTick; slots++) yield return [];
    }
}

/// <summary>One <c>PublishEvents</c> call: its phase, send → ack in ms, and its size in lines.</summary>
internal sealed record AckTiming(string Phase, double Ms, int Lines);
