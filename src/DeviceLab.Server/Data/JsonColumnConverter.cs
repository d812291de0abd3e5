using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DeviceLab.Server.Data;

/// <summary>
/// Stores a value as JSON in a <c>jsonb</c> column (suite parameters, device selectors, device properties).
/// Records gain fields without a migration; old rows read with the new fields' defaults (docs/decisions/0005).
/// </summary>
public sealed class JsonColumnConverter<T>() : ValueConverter<T, string>(
    value => JsonSerializer.Serialize(value, Options),
    json => JsonSerializer.Deserialize<T>(json, Options)!)
{
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Change tracking by content: a list edited in place is seen as changed.</summary>
    public static ValueComparer<T> Comparer { get; } = new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        value => JsonSerializer.Serialize(value, Options).GetHashCode(),
        value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Options), Options)!);
}
