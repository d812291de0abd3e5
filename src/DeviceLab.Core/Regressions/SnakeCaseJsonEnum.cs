using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeviceLab.Core.Regressions;

/// <summary>
/// JSON for an enum as its snake_case name (<c>WontFix</c> ↔ <c>"wont_fix"</c>), the same text the database stores,
/// whatever JSON options the server or a client uses. Unknown names fail to read instead of becoming a number.
/// </summary>
public sealed class SnakeCaseJsonEnum<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum
{
    /// <summary>The snake_case name of <paramref name="value"/>, as the API writes it.</summary>
    public static string NameOf(TEnum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Reads a name as the API writes it (<c>wont_fix</c>); case and '-' vs '_' do not matter.</summary>
    /// <returns>False when <paramref name="text"/> names no member.</returns>
    public static bool TryParse(string? text, out TEnum value)
    {
        var wanted = text?.Trim().Replace('-', '_').ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (NameOf(candidate) == wanted)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>Every member's name, for error messages ("one of: open, closed").</summary>
    public static string Names => string.Join(", ", Enum.GetValues<TEnum>().Select(NameOf));
}
