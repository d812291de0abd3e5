using System.Text.Json.Nodes;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Server.Runs.Ingestion;

/// <summary>
/// The context stored with a result so it is never separated from what produced it: the device fingerprint, agent and
/// engine versions and kernel path (from the hello), the parameters, the variant as loaded, energy with method and
/// validity, quality, peak memory, the admission record of every repetition, and the attempt's extra context
/// (lab host, device settings). Values are kept exactly as the agent reported them.
/// </summary>
internal static class ResultContext
{
    private static readonly string[] HelloFields = ["device", "agent_version", "engine_version", "kernel_path", "mode", "parameters", "telemetry_sources"];
    private static readonly string[] ResultFields = ["repetitions", "peak_rss_bytes", "peak_rss_method", "load_ms", "energy", "quality"];

    public static ResultRow Row(IngestionTarget target, JsonNode? hello, VariantResultEvent result, string resultLine, IReadOnlyList<JsonNode> admissions)
    {
        var context = new JsonObject();
        if (hello is JsonObject helloObject)
        {
            foreach (var field in HelloFields) Copy(helloObject, field, context, field);
            var variant = (helloObject["variants"] as JsonArray)?.FirstOrDefault(v => v?["label"]?.GetValue<string>() == result.Variant);
            if (variant is not null) context["variant"] = variant.DeepClone();
        }
        if (JsonNode.Parse(resultLine) is JsonObject resultObject)
        {
            foreach (var field in ResultFields) Copy(resultObject, field, context, field);
        }
        context["admissions"] = new JsonArray([.. admissions.Select(a => a.DeepClone())]);
        foreach (var (key, value) in target.ExtraContext) context[key] = value?.DeepClone();

        var isSimulated = result.Energy is { } energy && (energy.Decode.Source == SampleSource.Simulated || energy.Prefill.Source == SampleSource.Simulated)
            || context["telemetry_sources"] is JsonArray sources && sources.Any(s => s?.GetValue<string>() == "simulated")
            || context["parameters"]?["simulated_power"]?.GetValue<bool>() == true;
        var waited = admissions.Select(a => a["waited_ms"]?.GetValue<double>() ?? 0).ToList();
        var forced = admissions.Count(a => a["forced"]?.GetValue<bool>() == true);
        return new ResultRow(target.Variants[result.Variant].VariantId, result, context, isSimulated, waited.Count == 0 ? null : waited.Sum(), forced);
    }

    private static void Copy(JsonObject from, string field, JsonObject to, string name)
    {
        if (from[field] is { } value) to[name] = value.DeepClone();
    }
}
