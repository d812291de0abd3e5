using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DeviceLab.Server.Data;

/// <summary>
/// Stores an enum as its snake_case name (<c>WaitingForDevice</c> → <c>waiting_for_device</c>, <c>Q4_0</c> → <c>q4_0</c>):
/// readable in SQL, and safe when members are added or reordered (docs/decisions/0005).
/// </summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => Names[value],
    text => Parse(text))
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToDictionary(v => v, v => NameOf(v));

    private static readonly Dictionary<string, TEnum> Values = Names.ToDictionary(p => p.Value, p => p.Key);

    public static string NameOf(TEnum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static TEnum Parse(string text) => Values.TryGetValue(text, out var value)
        ? value
        : throw new InvalidOperationException(
            $"'{text}' in the database is not a {typeof(TEnum).Name} ({string.Join(", ", Values.Keys)}); was it written by a newer DeviceLab?");
}
