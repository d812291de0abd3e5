namespace DeviceLab.Core.AgentProtocol;

/// <summary>
/// The events of one run gathered by kind, de-duplicated by sequence number (network agents re-send after a
/// reconnect) and checked for gaps. The server's ingestion and the agent's tests read a stream into one of these.
/// </summary>
public sealed class AgentEventTranscript
{
    private readonly SortedDictionary<long, AgentEvent> _bySeq = [];

    public HelloEvent? Hello { get; private set; }
    public List<PhaseEvent> Phases { get; } = [];
    public List<SampleEvent> Samples { get; } = [];
    public List<TokenEvent> Tokens { get; } = [];
    public List<AdmissionEvent> Admissions { get; } = [];
    public List<RepetitionResultEvent> RepetitionResults { get; } = [];
    public List<VariantResultEvent> VariantResults { get; } = [];
    public List<ErrorEvent> Errors { get; } = [];

    /// <summary>Lines that could not be parsed (kept so nothing is silently lost).</summary>
    public List<AgentEventParseError> ParseErrors { get; } = [];

    /// <summary>Well-formed lines of kinds this build does not know.</summary>
    public List<string> UnknownTypes { get; } = [];
    public int Duplicates { get; private set; }

    /// <summary>Highest sequence number such that every event 1..it is present.</summary>
    public long ContiguousThroughSeq { get; private set; }

    /// <summary>Every event in sequence order.</summary>
    public IEnumerable<AgentEvent> Events => _bySeq.Values;

    /// <summary>Adds a parse outcome; returns false for a duplicate event or a line that was not an event.</summary>
    public bool Add(AgentEventParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Error is { } error) ParseErrors.Add(error);
        else if (result.UnknownType is { } unknown) UnknownTypes.Add(unknown);
        return result.Event is { } e && Add(e);
    }

    /// <summary>Adds an event; returns false when its sequence number was seen before.</summary>
    public bool Add(AgentEvent agentEvent)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        if (!_bySeq.TryAdd(agentEvent.Seq, agentEvent))
        {
            Duplicates++;
            return false;
        }
        while (_bySeq.ContainsKey(ContiguousThroughSeq + 1)) ContiguousThroughSeq++;
        switch (agentEvent)
        {
            case HelloEvent hello: Hello = hello; break;
            case PhaseEvent phase: Phases.Add(phase); break;
            case SampleEvent sample: Samples.Add(sample); break;
            case TokenEvent token: Tokens.Add(token); break;
            case AdmissionEvent admission: Admissions.Add(admission); break;
            case RepetitionResultEvent repetition: RepetitionResults.Add(repetition); break;
            case VariantResultEvent variant: VariantResults.Add(variant); break;
            case ErrorEvent error: Errors.Add(error); break;
        }
        return true;
    }

    /// <summary>Reads a whole JSON-lines stream.</summary>
    public static async Task<AgentEventTranscript> ReadAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        var transcript = new AgentEventTranscript();
        await foreach (var result in AgentEventParser.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false))
        {
            transcript.Add(result);
        }
        return transcript;
    }
}
