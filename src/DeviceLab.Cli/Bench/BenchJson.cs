using System.Text.Json;

namespace DeviceLab.Cli.Bench;

/// <summary>
/// The machine-readable bench result: the medians scripts compare (<c>prefill_tokens_per_s</c>,
/// <c>decode_tokens_per_s</c>, <c>ttft_ms</c>, <c>peak_rss_bytes</c>) and every repetition's raw figures.
/// </summary>
internal static class BenchJson
{
    public static void Write(BenchReport report, TextWriter output)
    {
        var m = report.Model;
        var k = report.Kernels;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", m.Name);
            json.WriteString("architecture", m.Architecture);
            json.WriteString("file_type", m.FileType);
            json.WriteNumber("file_bytes", m.FileBytes);
            json.WriteNumber("parameters", m.ParameterCount);
            json.WriteString("kernels", k.Path);
            json.WriteNumber("threads", k.Threads);
            json.WriteString("kv_cache_type", k.KvCacheType.ToString());
            json.WriteNumber("prompt_tokens", report.Settings.PromptTokens);
            json.WriteNumber("generated_tokens", report.Settings.GeneratedTokens);
            json.WriteNumber("warmups", report.Settings.Warmups);
            json.WriteNumber("prefill_tokens_per_s", report.Prefill.P50);
            json.WriteNumber("decode_tokens_per_s", report.Decode.P50);
            json.WriteNumber("ttft_ms", report.TimeToFirstToken.P50);
            json.WriteNumber("peak_rss_bytes", report.MedianPeakRssBytes);
            json.WriteStartObject("memory_plan");
            json.WriteNumber("weights_mapped_bytes", k.Memory.WeightsMappedBytes);
            json.WriteNumber("kv_cache_bytes", k.Memory.KvCacheBytes);
            json.WriteNumber("scratch_bytes", k.Memory.ScratchBytes);
            json.WriteEndObject();
            json.WriteStartArray("repetitions");
            foreach (var r in report.Repetitions)
            {
                json.WriteStartObject();
                json.WriteNumber("prefill_ms", r.PrefillMs);
                json.WriteNumber("prefill_tokens_per_s", r.PrefillTokensPerSecond);
                json.WriteNumber("ttft_ms", r.TimeToFirstTokenMs);
                json.WriteNumber("decode_tokens_per_s", r.DecodeTokensPerSecond);
                json.WriteNumber("peak_rss_bytes", r.PeakRssBytes);
                json.WriteStartArray("decode_token_ms");
                foreach (var ms in r.DecodeTokenMs) json.WriteNumberValue(ms);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
