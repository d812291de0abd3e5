using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeviceLab.Core.AgentProtocol;

/// <summary>
/// Source-generated JSON metadata for every type of the agent protocol (events and hub DTOs), so the agent
/// serializes without reflection under NativeAOT and the server parses with exactly the same contract.
/// Wire names are snake_case; null optional fields are left out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(HelloEvent))]
[JsonSerializable(typeof(PhaseEvent))]
[JsonSerializable(typeof(SampleEvent))]
[JsonSerializable(typeof(TokenEvent))]
[JsonSerializable(typeof(AdmissionEvent))]
[JsonSerializable(typeof(RepetitionResultEvent))]
[JsonSerializable(typeof(VariantResultEvent))]
[JsonSerializable(typeof(ErrorEvent))]
[JsonSerializable(typeof(AgentRegistration))]
[JsonSerializable(typeof(AgentJob))]
[JsonSerializable(typeof(AgentJobCancellation))]
[JsonSerializable(typeof(AgentEventBatch))]
[JsonSerializable(typeof(AgentEventAck))]
[JsonSerializable(typeof(AgentJobOutcome))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
public sealed partial class AgentProtocolJsonContext : JsonSerializerContext
{
    /// <summary>Puts the protocol's metadata first in <paramref name="options"/>' resolver chain (SignalR payload options on both ends).</summary>
    public static void Register(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolverChain.Insert(0, Default);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }
}
