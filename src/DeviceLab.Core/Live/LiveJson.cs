using System.Text.Json;
using System.Text.Json.Serialization;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Runs;

namespace DeviceLab.Core.Live;

/// <summary>
/// JSON settings of the lab hub's payloads: snake_case names and enums as snake_case strings
/// (<c>waiting_for_device</c>), the same words the database and the REST API use. The server and every client
/// configure their SignalR JSON protocol with <see cref="Configure"/>.
/// </summary>
public static class LiveJson
{
    /// <summary>Applies the lab hub's settings to SignalR's payload options (or any serializer options).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolverChain.Insert(0, LiveJsonContext.Default);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }

    /// <summary>Fresh options with <see cref="Configure"/> applied (tests, logs and the cross-node fan-out).</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}

/// <summary>An enum as its snake_case name, for source-generated contexts (which need a parameterless converter).</summary>
public sealed class SnakeCaseEnumJsonConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower)
    where TEnum : struct, Enum;

/// <summary>Source-generated metadata of the lab hub's payloads (AOT-safe, no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnakeCaseEnumJsonConverter<DeviceState>), typeof(SnakeCaseEnumJsonConverter<RunStatus>), typeof(SnakeCaseEnumJsonConverter<RunJobStatus>)])]
[JsonSerializable(typeof(DeviceStateChanged))]
[JsonSerializable(typeof(RunProgress))]
[JsonSerializable(typeof(JobProgress))]
[JsonSerializable(typeof(TelemetryBatch))]
[JsonSerializable(typeof(TokenTimingBatch))]
[JsonSerializable(typeof(AgentPhaseMark))]
[JsonSerializable(typeof(long))]
public sealed partial class LiveJsonContext : JsonSerializerContext;
