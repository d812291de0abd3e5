using System.Text.Json.Nodes;
using DeviceLab.Core.Live;

namespace DeviceLab.Server.Runs.Ingestion;

/// <summary>Events of one attempt turned into rows, written in one fenced transaction.</summary>
internal sealed class IngestionBatch
{
    public List<TelemetryPoint> Samples { get; } = [];
    public List<TokenPoint> Tokens { get; } = [];
    public List<AgentPhaseMark> Phases { get; } = [];
    public List<ResultRow> Results { get; } = [];

    /// <summary>The hello line as sent, stored on the attempt.</summary>
    public string? HelloJson { get; set; }

    /// <summary>Repetitions finished after this batch (null: unchanged).</summary>
    public int? RepetitionsDone { get; set; }

    /// <summary>Highest sequence number with every event up to it in this or an earlier batch.</summary>
    public long StoredThroughSeq { get; set; }

    /// <summary>When the server read the newest event of the batch.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    public int EventCount { get; set; }
}

/// <summary>One variant's final result with its context, ready to insert.</summary>
internal sealed record ResultRow(long VariantId, Core.AgentProtocol.VariantResultEvent Result, JsonObject Context, bool IsSimulated, double? AdmissionWaitMs, int AdmissionForcedCount);
