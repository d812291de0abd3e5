using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Server.Runs.Ingestion;

/// <summary>What one attempt's agent said, as far as the outcome of the attempt depends on it.</summary>
public sealed class AttemptTally
{
    private readonly HashSet<long> _variantsWithResult = [];

    public HelloEvent? Hello { get; internal set; }

    /// <summary>The fatal error event, when the agent wrote one before ending.</summary>
    public ErrorEvent? FatalError { get; internal set; }

    /// <summary>Non-fatal error events (warnings, e.g. telemetry unavailable).</summary>
    public int Warnings { get; internal set; }

    /// <summary>Well-formed lines of kinds this server does not know (a newer agent); skipped.</summary>
    public int UnknownEvents { get; internal set; }

    /// <summary>Events received again with a sequence number already seen; skipped.</summary>
    public int DuplicateEvents { get; internal set; }

    public int Events { get; internal set; }
    public int RepetitionsDone { get; internal set; }

    /// <summary>Rows stored: samples and token timings (counted once committed).</summary>
    public long SamplesStored { get; internal set; }
    public long TokensStored { get; internal set; }

    /// <summary>Variants whose final result is stored.</summary>
    public IReadOnlyCollection<long> VariantsWithResult => _variantsWithResult;

    /// <summary>The attempt stored measurements (so an early end leaves partial data).</summary>
    public bool StoredAnything => SamplesStored > 0 || TokensStored > 0 || _variantsWithResult.Count > 0;

    internal void ResultStored(long variantId) => _variantsWithResult.Add(variantId);
}
