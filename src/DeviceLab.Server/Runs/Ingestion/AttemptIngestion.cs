using System.Text.Json.Nodes;
using System.Threading.Channels;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Server.Runs.Ingestion;

/// <summary>
/// Takes one attempt's agent event lines as they arrive — from an <c>adb shell</c> stream or from the agent hub, it
/// does not matter which — checks each, and stores them in batches: whatever has arrived while the previous batch
/// was being written goes into the next one, so storage keeps up under bursts and adds little delay when idle.
/// Every batch is one fenced transaction (<see cref="IngestionWriter"/>); re-sent events (same <c>seq</c>) are dropped.
/// </summary>
/// <remarks>A malformed line throws <see cref="MalformedAgentEventException"/> from <see cref="AcceptLineAsync"/> and
/// stores nothing of that line; what came before it is still written by <see cref="CompleteAsync"/>.</remarks>
public sealed class AttemptIngestion : IAsyncDisposable
{
    private readonly IngestionTarget _target;
    private readonly IngestionWriter _writer;
    private readonly int _maxBatchEvents;
    private readonly Channel<Received> _channel;
    private readonly HashSet<long> _seen = [];
    private readonly Dictionary<long, List<JsonNode>> _admissions = [];
    private readonly Task _writing;
    private readonly Action<AgentEvent>? _onEvent;
    private long _lineNumber;
    private long _contiguousSeq;
    private long _storedThroughSeq;
    private JsonNode? _hello;
    private readonly Lock _storedGate = new();
    private TaskCompletionSource _stored = NewStoredSignal();
    private int _repetitionsDone;

    private sealed record Received(AgentEvent Event, string Line, DateTimeOffset ReceivedAt, long ContiguousSeq, int RepetitionsDone);

    private AttemptIngestion(IngestionTarget target, IngestionWriter writer, int maxBatchEvents, Action<AgentEvent>? onEvent)
    {
        _onEvent = onEvent;
        _target = target;
        _writer = writer;
        _maxBatchEvents = maxBatchEvents;
        _channel = Channel.CreateBounded<Received>(new BoundedChannelOptions(100_000) { SingleReader = true, SingleWriter = true });
        _writing = Task.Run(WriteLoopAsync);
    }

    /// <param name="onEvent">Called for every accepted event, before it is stored (phase watchdogs).</param>
    public static AttemptIngestion Start(IngestionTarget target, IngestionWriter writer, int maxBatchEvents = 5_000, Action<AgentEvent>? onEvent = null) =>
        new(target, writer, maxBatchEvents, onEvent);

    public IngestionTarget Target => _target;

    public AttemptTally Tally { get; } = new();

    /// <summary>Every event with <c>seq</c> up to this is stored (what the agent hub acknowledges).</summary>
    public long StoredThroughSeq => Interlocked.Read(ref _storedThroughSeq);

    /// <summary>Checks one line and queues it for storage.</summary>
    /// <exception cref="MalformedAgentEventException">The line is not a valid event of this attempt.</exception>
    /// <exception cref="Leases.LeaseLostException">Storage was refused: the attempt no longer holds its device.</exception>
    public async ValueTask AcceptLineAsync(string line, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ThrowIfWritingFailed();
        if (string.IsNullOrWhiteSpace(line)) return;
        _lineNumber++;
        var parsed = AgentEventParser.Parse(line, _lineNumber);
        if (parsed.Error is { } error) throw new MalformedAgentEventException(error);
        if (parsed.Event is not { } agentEvent)
        {
            Tally.UnknownEvents++;
            return;
        }
        if (_seen.Contains(agentEvent.Seq))
        {
            Tally.DuplicateEvents++;
            return;
        }
        if (Check(agentEvent, Tally.Hello is not null) is { } problem)
            throw new MalformedAgentEventException(new AgentEventParseError(_lineNumber, problem.Field, problem.Message));
        await QueueAsync(agentEvent, line, receivedAt, cancellationToken);
    }

    private async ValueTask QueueAsync(AgentEvent agentEvent, string line, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (!_seen.Add(agentEvent.Seq))
        {
            Tally.DuplicateEvents++;
            return;
        }
        while (_seen.Contains(_contiguousSeq + 1)) _contiguousSeq++;
        Count(agentEvent);
        _onEvent?.Invoke(agentEvent);
        await _channel.Writer.WriteAsync(new Received(agentEvent, line, receivedAt, _contiguousSeq, _repetitionsDone), cancellationToken);
    }

    /// <summary>
    /// Checks a whole batch of lines (the agent hub's unit) and queues it only when every line is valid, so a bad line
    /// stores nothing of its batch. Re-sent events (known <c>seq</c>) are skipped as in <see cref="AcceptLineAsync"/>.
    /// </summary>
    /// <returns>The highest <c>seq</c> with every event up to it accepted (wait for it with <see cref="WaitUntilStoredAsync"/>).</returns>
    /// <exception cref="MalformedAgentEventException">A line is not a valid event of this attempt; nothing of the batch was queued.</exception>
    public async ValueTask<long> AcceptLinesAsync(IReadOnlyList<string> lines, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ThrowIfWritingFailed();
        var screened = new List<(AgentEvent? Event, string Line)>(lines.Count);
        var batchSeqs = new HashSet<long>();
        var helloSeen = Tally.Hello is not null;
        var lineNumber = _lineNumber;
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            lineNumber++;
            var parsed = AgentEventParser.Parse(line, lineNumber);
            if (parsed.Error is { } error) throw new MalformedAgentEventException(error);
            if (parsed.Event is { } agentEvent && !_seen.Contains(agentEvent.Seq) && batchSeqs.Add(agentEvent.Seq))
            {
                if (Check(agentEvent, helloSeen) is { } problem)
                    throw new MalformedAgentEventException(new AgentEventParseError(lineNumber, problem.Field, problem.Message));
                helloSeen |= agentEvent is HelloEvent;
            }
            screened.Add((parsed.Event, line));
        }
        foreach (var (agentEvent, line) in screened)
        {
            _lineNumber++;
            if (agentEvent is null)
            {
                Tally.UnknownEvents++;
                continue;
            }
            await QueueAsync(agentEvent, line, receivedAt, cancellationToken);
        }
        return _contiguousSeq;
    }

    /// <summary>Completes once every event with <c>seq</c> up to <paramref name="seq"/> is stored.</summary>
    /// <exception cref="Leases.LeaseLostException">Storage was refused: the attempt no longer holds its device.</exception>
    /// <exception cref="InvalidOperationException">The session ended before those events were stored.</exception>
    public async Task WaitUntilStoredAsync(long seq, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task stored;
            lock (_storedGate)
            {
                if (StoredThroughSeq >= seq) return;
                stored = _stored.Task;
            }
            if (_writing.IsCompleted)
            {
                await _writing;
                if (StoredThroughSeq >= seq) return;
                throw new InvalidOperationException($"the attempt's event storage ended with events through seq {StoredThroughSeq} stored, not {seq}");
            }
            await Task.WhenAny(stored, _writing).WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stores everything accepted so far and ends the session.</summary>
    public async Task CompleteAsync()
    {
        _channel.Writer.TryComplete();
        await _writing;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        try
        {
            await _writing;
        }
        catch
        {
            // Reported by CompleteAsync / AcceptLineAsync to whoever drives the session.
        }
    }

    private AgentEventProblem? Check(AgentEvent agentEvent, bool helloSeen)
    {
        string? label = agentEvent switch
        {
            PhaseEvent e => e.Variant,
            TokenEvent e => e.Variant,
            AdmissionEvent e => e.Variant,
            RepetitionResultEvent e => e.Variant,
            VariantResultEvent e => e.Variant,
            _ => null,
        };
        if (label is not null && !_target.Variants.ContainsKey(label))
            return new AgentEventProblem("variant", $"'{label}' is not a variant of this job ({string.Join(", ", _target.Variants.Keys)})");
        if (agentEvent is HelloEvent && helloSeen) return new AgentEventProblem("type", "a second hello in one run");
        if (agentEvent is VariantResultEvent result && !string.Equals(result.Sha256, _target.Variants[result.Variant].Sha256, StringComparison.OrdinalIgnoreCase))
            return new AgentEventProblem("sha256", $"{result.Sha256} is not the sha256 of variant '{result.Variant}' ({_target.Variants[result.Variant].Sha256})");
        return null;
    }

    private void Count(AgentEvent agentEvent)
    {
        Tally.Events++;
        switch (agentEvent)
        {
            case HelloEvent hello: Tally.Hello = hello; break;
            case ErrorEvent { Fatal: true } fatal: Tally.FatalError ??= fatal; break;
            case ErrorEvent: Tally.Warnings++; break;
            case RepetitionResultEvent: Tally.RepetitionsDone = ++_repetitionsDone; break;
        }
    }

    private void ThrowIfWritingFailed()
    {
        if (_writing.IsFaulted) _writing.GetAwaiter().GetResult();
    }

    private async Task WriteLoopAsync()
    {
        var reader = _channel.Reader;
        var repetitionsWritten = 0;
        while (await reader.WaitToReadAsync())
        {
            var batch = new IngestionBatch();
            while (batch.EventCount < _maxBatchEvents && reader.TryRead(out var received))
            {
                Add(batch, received);
                batch.EventCount++;
                batch.StoredThroughSeq = Math.Max(batch.StoredThroughSeq, received.ContiguousSeq);
                batch.ReceivedAt = received.ReceivedAt;
                if (received.RepetitionsDone != repetitionsWritten) batch.RepetitionsDone = repetitionsWritten = received.RepetitionsDone;
            }
            await _writer.WriteAsync(_target, batch, CancellationToken.None);
            Tally.SamplesStored += batch.Samples.Count;
            Tally.TokensStored += batch.Tokens.Count;
            foreach (var result in batch.Results) Tally.ResultStored(result.VariantId);
            TaskCompletionSource stored;
            lock (_storedGate)
            {
                Interlocked.Exchange(ref _storedThroughSeq, Math.Max(StoredThroughSeq, batch.StoredThroughSeq));
                (stored, _stored) = (_stored, NewStoredSignal());
            }
            stored.TrySetResult();
        }
    }

    private void Add(IngestionBatch batch, Received received)
    {
        var offsetMs = (int)Math.Round(received.Event.TMs);
        switch (received.Event)
        {
            case HelloEvent:
                batch.HelloJson = received.Line;
                _hello = JsonNode.Parse(received.Line);
                break;
            case SampleEvent { Value: { } value } sample:
                batch.Samples.Add(new Core.Live.TelemetryPoint(offsetMs, sample.Instance is null ? sample.Metric : $"{sample.Metric}/{sample.Instance}",
                    value, sample.Unit, SourceName(sample.Source)));
                break;
            case TokenEvent token:
                batch.Tokens.Add(new Core.Live.TokenPoint(_target.Variants[token.Variant].VariantId, token.Repetition, token.Index, token.Ms));
                break;
            case PhaseEvent phase:
                batch.Phases.Add(new Core.Live.AgentPhaseMark(_target.RunId, _target.RunJobId, _target.Attempt, _target.Variants[phase.Variant].VariantId,
                    phase.Repetition, phase.Warmup, phase.Phase == BenchPhaseName.Prefill ? "prefill" : "decode", phase.Edge == PhaseEdge.Start ? "start" : "end", phase.TMs));
                break;
            case AdmissionEvent admission:
                var variantId = _target.Variants[admission.Variant].VariantId;
                if (!_admissions.TryGetValue(variantId, out var list)) _admissions[variantId] = list = [];
                list.Add(JsonNode.Parse(received.Line)!);
                break;
            case VariantResultEvent result:
                batch.Results.Add(ResultContext.Row(_target, _hello, result, received.Line, _admissions.GetValueOrDefault(_target.Variants[result.Variant].VariantId) ?? []));
                break;
        }
    }

    private static TaskCompletionSource NewStoredSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal static string SourceName(SampleSource source) => source switch
    {
        SampleSource.Sysfs => "sysfs",
        SampleSource.Procfs => "procfs",
        SampleSource.Simulated => "simulated",
        _ => "unavailable",
    };
}
