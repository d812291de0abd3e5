using System.Globalization;
using System.Text.Json;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Server.Results.PeakMemory;

/// <summary>
/// How a result's peak memory was measured, as the dashboard and exports tell it (docs/decisions/0068, 0155). The agent
/// reports <c>peak_rss_method</c> with the figure; the server keeps it in the result's context, next to the telemetry
/// interval the sampled fallback depends on.
/// </summary>
/// <param name="Key">The agent's <c>peak_rss_method</c> (a <see cref="PeakMemoryMethods"/> value), null when it reported none.</param>
/// <param name="Caption">A few words under the figure, e.g. "VmHWM, reset per repetition".</param>
/// <param name="Explanation">The tooltip: what was read, and how far the figure can be trusted.</param>
public sealed record PeakMemoryMethod(string? Key, string Caption, string Explanation)
{
    /// <summary>The context field the ingestion copies from the agent's result (<c>Runs/Ingestion/ResultContext</c>).</summary>
    public const string ContextField = "peak_rss_method";

    /// <summary>The method of a result with this stored context; "not reported" for results of older agents and imports.</summary>
    public static PeakMemoryMethod Of(JsonElement? context) => For(Text(context, ContextField), SampleIntervalMs(context));

    /// <summary>The method named <paramref name="key"/>; <paramref name="sampleIntervalMs"/> (the agent's telemetry interval)
    /// says how often the sampled fallback looked.</summary>
    public static PeakMemoryMethod For(string? key, int? sampleIntervalMs = null) => key switch
    {
        PeakMemoryMethods.HighWaterMarkReset => new(key, "VmHWM, reset per repetition",
            "Peak RSS: the kernel's high-water mark (VmHWM), reset through /proc/self/clear_refs right before each repetition. Exact."),
        PeakMemoryMethods.SampledResidentMax => new(key, sampleIntervalMs is > 0 and var ms ? $"highest sample, {Rate(ms)}" : "highest sample",
            "Peak RSS: the highest resident size (VmRSS) among the telemetry samples of each repetition" +
            (sampleIntervalMs is > 0 and var every ? $" (every {every} ms and at each phase edge)" : "") +
            ", because the device did not allow resetting VmHWM. A lower bound: a spike between samples is missed."),
        PeakMemoryMethods.Unavailable => new(key, "not measurable",
            "The device let the agent read neither VmHWM nor VmRSS: there is no peak memory figure."),
        PeakMemoryMethods.Mixed => new(key, "mixed methods",
            "The repetitions were measured by different methods (VmHWM reset on some, highest sample on others): compare with care."),
        null => new(null, "method not reported",
            "The agent did not say how it measured peak memory (an older agent or an import): the figure may include every variant loaded in the run."),
        _ => new(key, key, $"Measured by '{key}', a method this server does not know."),
    };

    /// <summary>
    /// The method of several results taken together: theirs when they agree (without a rate when their sampling
    /// intervals differ), otherwise <see cref="PeakMemoryMethods.Mixed"/>.
    /// </summary>
    public static PeakMemoryMethod Combine(IReadOnlyCollection<PeakMemoryMethod> methods)
    {
        if (methods.Count == 0) return For(null);
        var first = methods.First();
        if (methods.Any(m => m.Key != first.Key)) return For(PeakMemoryMethods.Mixed);
        return methods.All(m => m == first) ? first : For(first.Key);
    }

    /// <summary>"4 Hz" for 250 ms, "0.5 Hz" for 2 000 ms.</summary>
    private static string Rate(int intervalMs) => (1000.0 / intervalMs).ToString("0.#", CultureInfo.InvariantCulture) + " Hz";

    private static string? Text(JsonElement? context, string field) =>
        context is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    private static int? SampleIntervalMs(JsonElement? context) =>
        context is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("parameters", out var parameters)
        && parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("telemetry_interval_ms", out var interval)
        && interval.ValueKind == JsonValueKind.Number && interval.TryGetInt32(out var ms) ? ms : null;
}
