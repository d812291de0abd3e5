using System.Text.Json;

namespace DeviceLab.Cli.Api;

/// <summary>
/// One line from an error body: RFC 9457 problem details (<c>title</c>, <c>detail</c>, validation <c>errors</c>) as
/// the DeviceLab server sends them, else the start of whatever text came back.
/// </summary>
internal static class ProblemDetailsText
{
    public static string? From(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return Shortened(body);
            var parts = new List<string>();
            if (Text(document.RootElement, "title") is { } title) parts.Add(title.TrimEnd('.'));
            if (Text(document.RootElement, "detail") is { } detail) parts.Add(detail.TrimEnd('.'));
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    var messages = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(m => m.ToString())
                        : [field.Value.ToString()];
                    parts.AddRange(messages.Select(m => m.TrimEnd('.')));
                }
            }
            return parts.Count == 0 ? Shortened(body) : string.Join(": ", parts.Take(2)) + (parts.Count > 2 ? "; " + string.Join("; ", parts.Skip(2)) : "");
        }
        catch (JsonException)
        {
            return Shortened(body);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;

    private static string Shortened(string body)
    {
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
