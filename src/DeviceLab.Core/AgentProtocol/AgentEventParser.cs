using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DeviceLab.Core.AgentProtocol;

/// <summary>
/// Reads the agent's JSON-lines stream. Shared by the agent's tests and the server's ingestion, so both sides
/// agree on one contract. Malformed lines become errors naming the line and field; unknown fields are ignored
/// and unknown event types are reported as such, so a newer agent never breaks an older server.
/// </summary>
public static class AgentEventParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Parses one line (without its newline).</summary>
    public static AgentEventParseResult Parse(string line, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (string.IsNullOrWhiteSpace(line)) return Fail(lineNumber, "(line)", "is empty");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException e)
        {
            return Fail(lineNumber, "(line)", $"is not JSON ({FirstSentence(e.Message)}) at byte {e.BytePositionInLine}");
        }
        using (document)
        {
            return ParseObject(document.RootElement, lineNumber);
        }
    }

    /// <summary>Parses one line and throws <see cref="AgentEventFormatException"/> unless it is a known, well-formed event.</summary>
    public static AgentEvent ParseEvent(string line, long lineNumber = 1)
    {
        var result = Parse(line, lineNumber);
        if (result.Event is { } e) return e;
        throw new AgentEventFormatException(result.Error
            ?? new AgentEventParseError(lineNumber, "type", $"'{result.UnknownType}' is not an event type this build knows"));
    }

    /// <summary>Reads every line of <paramref name="reader"/>; blank lines are skipped, line numbers are 1-based.</summary>
    public static async IAsyncEnumerable<AgentEventParseResult> ReadAllAsync(
        TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return Parse(line, lineNumber);
        }
    }

    private static AgentEventParseResult ParseObject(JsonElement root, long lineNumber)
    {
        if (root.ValueKind != JsonValueKind.Object) return Fail(lineNumber, "(line)", $"must be a JSON object, was {root.ValueKind}");
        if (!root.TryGetProperty("type", out var typeElement)) return Fail(lineNumber, "type", "is missing");
        if (typeElement.ValueKind != JsonValueKind.String) return Fail(lineNumber, "type", $"must be a string, was {typeElement.ValueKind}");
        if (!root.TryGetProperty("v", out var versionElement)) return Fail(lineNumber, "v", "is missing");
        if (versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt32(out var version))
            return Fail(lineNumber, "v", $"must be an integer, was {versionElement}");
        if (version < 1) return Fail(lineNumber, "v", $"must be ≥ 1, was {version}");
        if (version > AgentEvent.SchemaVersion)
            return Fail(lineNumber, "v", $"schema version {version} is newer than this parser understands ({AgentEvent.SchemaVersion}); update DeviceLab");

        var type = typeElement.GetString()!;
        var (typeInfo, unknown) = TypeInfoFor(type, root);
        if (typeInfo is null)
        {
            return unknown is null
                ? Fail(lineNumber, "scope", "is missing or not a string on a result event")
                : new AgentEventParseResult { LineNumber = lineNumber, UnknownType = unknown };
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.IsRequired && !root.TryGetProperty(property.Name, out _)) return Fail(lineNumber, property.Name, "is missing");
        }

        AgentEvent? parsed;
        try
        {
            parsed = (AgentEvent?)root.Deserialize(typeInfo);
        }
        catch (JsonException e)
        {
            return Fail(lineNumber, FieldOf(e.Path), FirstSentence(e.Message));
        }
        if (parsed is null) return Fail(lineNumber, "(line)", "is null");
        if (parsed.Validate() is { } problem) return Fail(lineNumber, problem.Field, problem.Message);
        return new AgentEventParseResult { LineNumber = lineNumber, Event = parsed };
    }

    private static (JsonTypeInfo? TypeInfo, string? Unknown) TypeInfoFor(string type, JsonElement root)
    {
        var context = AgentProtocolJsonContext.Default;
        switch (type)
        {
            case "hello": return (context.HelloEvent, null);
            case "phase": return (context.PhaseEvent, null);
            case "sample": return (context.SampleEvent, null);
            case "token": return (context.TokenEvent, null);
            case "admission": return (context.AdmissionEvent, null);
            case "error": return (context.ErrorEvent, null);
            case "result":
                if (!root.TryGetProperty("scope", out var scope) || scope.ValueKind != JsonValueKind.String) return (null, null);
                return scope.GetString() switch
                {
                    ResultScopes.Repetition => (context.RepetitionResultEvent, null),
                    ResultScopes.Variant => (context.VariantResultEvent, null),
                    var other => (null, $"result/{other}"),
                };
            default: return (null, type);
        }
    }

    private static AgentEventParseResult Fail(long lineNumber, string field, string message) =>
        new() { LineNumber = lineNumber, Error = new AgentEventParseError(lineNumber, field, message) };

    // "$.device.cores" → "device.cores"; "$" or nothing → the line itself.
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "(line)" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    // System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …" — the field already says where.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
