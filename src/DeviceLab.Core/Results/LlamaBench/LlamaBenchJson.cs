using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DeviceLab.Core.Results.LlamaBench;

/// <summary>
/// Reads llama-bench's JSON output (<c>-o json</c>: an array of tests; <c>-o jsonl</c>: one test per line). Every problem
/// is a <see cref="FormatException"/> with one line that says which test and which field, so an import of a damaged file
/// stores nothing rather than half of it.
/// </summary>
public static class LlamaBenchJson
{
    /// <exception cref="FormatException">Not llama-bench JSON (the message names the test and the field).</exception>
    public static IReadOnlyList<LlamaBenchTest> Parse(string text)
    {
        var elements = Elements(text);
        if (elements.Count == 0) throw new FormatException("The file holds no llama-bench tests (an empty list).");
        return elements.Select((element, index) => Test(element, index + 1)).ToList();
    }

    private static List<JsonElement> Elements(string text)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.Length == 0) throw new FormatException("The file is empty, not llama-bench JSON.");
        try
        {
            if (trimmed[0] == '[')
            {
                using var document = JsonDocument.Parse(trimmed);
                return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
            }
            if (trimmed[0] != '{') throw new FormatException("The file is not llama-bench JSON: it starts with neither '[' (-o json) nor '{' (-o jsonl).");
            var lines = trimmed.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            return lines.Select((line, i) =>
            {
                try
                {
                    using var document = JsonDocument.Parse(line);
                    return document.RootElement.Clone();
                }
                catch (JsonException e)
                {
                    throw new FormatException($"Line {i + 1} is not one JSON object (llama-bench -o jsonl writes one test per line): {e.Message}");
                }
            }).ToList();
        }
        catch (JsonException e)
        {
            throw new FormatException($"The file is not valid JSON: {e.Message}");
        }
    }

    private static LlamaBenchTest Test(JsonElement test, int number)
    {
        if (test.ValueKind != JsonValueKind.Object) throw new FormatException($"Test {number} is a JSON {test.ValueKind.ToString().ToLowerInvariant()}, not an object.");
        var promptTokens = Int(test, "n_prompt", number);
        var generatedTokens = Int(test, "n_gen", number);
        if (promptTokens < 0 || generatedTokens < 0 || promptTokens + generatedTokens == 0)
            throw new FormatException($"Test {number}: n_prompt {promptTokens} and n_gen {generatedTokens} measure nothing.");
        var samplesNs = Longs(test, "samples_ns", number);
        var samplesTs = Doubles(test, "samples_ts", number);
        if (samplesNs.Count != samplesTs.Count)
            throw new FormatException($"Test {number}: samples_ns has {samplesNs.Count} values but samples_ts has {samplesTs.Count}.");
        if (samplesTs.Any(v => !double.IsFinite(v) || v <= 0) || samplesNs.Any(v => v <= 0))
            throw new FormatException($"Test {number}: a sample is zero, negative or not a number.");
        var time = String(test, "test_time", number);
        if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var testTime))
            throw new FormatException($"Test {number}: test_time '{time}' is not a date and time.");
        return new LlamaBenchTest(
            String(test, "build_commit", number), Int(test, "build_number", number),
            OptionalString(test, "cpu_info"), OptionalString(test, "gpu_info"), OptionalString(test, "backends"),
            String(test, "model_filename", number), String(test, "model_type", number),
            Long(test, "model_size", number), Long(test, "model_n_params", number), Int(test, "n_threads", number),
            promptTokens, generatedTokens, testTime, samplesNs, samplesTs, test);
    }

    private static JsonElement Field(JsonElement test, string name, int number) =>
        test.TryGetProperty(name, out var value) ? value : throw new FormatException($"Test {number} has no '{name}' field; is this llama-bench -o json output?");

    private static string String(JsonElement test, string name, int number) =>
        Field(test, name, number) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"Test {number}: '{name}' is not a non-empty string.");

    private static string? OptionalString(JsonElement test, string name) =>
        test.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Long(JsonElement test, string name, int number) =>
        Field(test, name, number) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var n)
            ? n
            : throw new FormatException($"Test {number}: '{name}' is not a whole number.");

    private static int Int(JsonElement test, string name, int number) =>
        Long(test, name, number) is var n && n is >= int.MinValue and <= int.MaxValue ? (int)n : throw new FormatException($"Test {number}: '{name}' is out of range.");

    private static List<long> Longs(JsonElement test, string name, int number)
    {
        var value = Field(test, name, number);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            throw new FormatException($"Test {number}: '{name}' is not a non-empty list (llama-bench writes one value per repetition).");
        return value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)
            ? n
            : throw new FormatException($"Test {number}: '{name}' holds {v.GetRawText()}, not a whole number.")).ToList();
    }

    private static List<double> Doubles(JsonElement test, string name, int number)
    {
        var value = Field(test, name, number);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            throw new FormatException($"Test {number}: '{name}' is not a non-empty list (llama-bench writes one value per repetition).");
        return value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw new FormatException($"Test {number}: '{name}' holds {v.GetRawText()}, not a number.")).ToList();
    }
}
