using System.Text.Json.Nodes;
using DeviceLab.Server.Leases;

namespace DeviceLab.Server.Runs.Ingestion;

/// <summary>Where one attempt's agent events go, and the lease every write presents.</summary>
/// <param name="Variants">The attempt's variants by the label the agent uses in its events.</param>
/// <param name="RepetitionsTotal">Measured repetitions expected (variants × repetitions).</param>
/// <param name="DeviceIsVirtual">The device is a DeviceLab virtual device (results are labelled virtual).</param>
/// <param name="ExtraContext">Added to every result's context (lab host, device settings applied …).</param>
public sealed record IngestionTarget(
    long RunId, long RunJobId, int Attempt, long DeviceId, LeaseHandle Lease,
    IReadOnlyDictionary<string, IngestedVariant> Variants, int RepetitionsTotal, bool DeviceIsVirtual, JsonObject ExtraContext);

/// <summary>A variant of the attempt: its id and the sha256 the agent must report for it.</summary>
public sealed record IngestedVariant(long VariantId, string Label, string Sha256);
