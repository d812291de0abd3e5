using System.Text.Json;

namespace DeviceLab.Server.Models;

/// <summary>Reads the upload endpoint's answer for the dashboard: the model it created, or its problem details as one
/// plain sentence (title and detail), never a raw status code.</summary>
public static class UploadAnswers
{
    public static (long Id, string Name) Model(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return (Property(root, "id")?.GetInt64() ?? 0, Property(root, "name")?.GetString() ?? "the model");
    }

    public static string Problem(int status, string body)
    {
        if (status == 0) return string.IsNullOrWhiteSpace(body) ? "The upload failed: no answer from the server." : body;
        try
        {
            using var json = JsonDocument.Parse(body);
            var title = Property(json.RootElement, "title")?.GetString();
            var detail = Property(json.RootElement, "detail")?.GetString();
            if (detail is not null) return title is null || detail.StartsWith(title, StringComparison.OrdinalIgnoreCase) ? detail : $"{title}: {detail}";
            if (title is not null) return title;
        }
        catch (JsonException)
        {
        }
        return status switch
        {
            401 => "You are signed out; sign in again and retry.",
            403 => "Only operators can upload models.",
            413 => "The file is larger than this server accepts (DeviceLab:Artifacts:MaxUploadBytes).",
            _ => $"The upload failed (HTTP {status}).",
        };
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
