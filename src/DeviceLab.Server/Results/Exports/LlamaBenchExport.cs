using System.Text.Json.Serialization;
using DeviceLab.Core;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Results.Exports;

/// <summary>One test in llama-bench's JSON output (<c>llama-bench -o json</c>), plus <c>devicelab_*</c> fields.</summary>
public sealed record LlamaBenchTest(
    [property: JsonPropertyName("build_commit")] string BuildCommit,
    [property: JsonPropertyName("build_number")] int BuildNumber,
    [property: JsonPropertyName("cpu_info")] string CpuInfo,
    [property: JsonPropertyName("gpu_info")] string GpuInfo,
    [property: JsonPropertyName("backends")] string Backends,
    [property: JsonPropertyName("model_filename")] string ModelFilename,
    [property: JsonPropertyName("model_type")] string ModelType,
    [property: JsonPropertyName("model_size")] long ModelSize,
    [property: JsonPropertyName("model_n_params")] long ModelParameters,
    [property: JsonPropertyName("n_batch")] int Batch,
    [property: JsonPropertyName("n_ubatch")] int MicroBatch,
    [property: JsonPropertyName("n_threads")] int Threads,
    [property: JsonPropertyName("type_k")] string TypeK,
    [property: JsonPropertyName("type_v")] string TypeV,
    [property: JsonPropertyName("n_gpu_layers")] int GpuLayers,
    [property: JsonPropertyName("use_mmap")] bool UseMmap,
    [property: JsonPropertyName("n_prompt")] int Prompt,
    [property: JsonPropertyName("n_gen")] int Generated,
    [property: JsonPropertyName("test_time")] string TestTime,
    [property: JsonPropertyName("avg_ns")] long AverageNs,
    [property: JsonPropertyName("stddev_ns")] long StdDevNs,
    [property: JsonPropertyName("avg_ts")] double AverageTokensPerSecond,
    [property: JsonPropertyName("stddev_ts")] double StdDevTokensPerSecond,
    [property: JsonPropertyName("samples_ns")] IReadOnlyList<long> SamplesNs,
    [property: JsonPropertyName("samples_ts")] IReadOnlyList<double> SamplesTokensPerSecond,
    [property: JsonPropertyName("devicelab_result_id")] long ResultId,
    [property: JsonPropertyName("devicelab_device")] string Device,
    [property: JsonPropertyName("devicelab_device_model")] string? DeviceModel,
    [property: JsonPropertyName("devicelab_variant_sha256")] string? VariantSha256,
    [property: JsonPropertyName("devicelab_context_tokens")] int ContextTokens,
    [property: JsonPropertyName("devicelab_virtual")] bool IsVirtual,
    [property: JsonPropertyName("devicelab_simulated")] bool IsSimulated);

/// <summary>
/// A run's results in llama-bench's JSON shape, so existing llama.cpp tooling reads them: per result a prompt test
/// (<c>n_prompt</c> = prompt tokens, <c>n_gen</c> 0) and a generation test (<c>n_prompt</c> 0, <c>n_gen</c> = generated
/// tokens). Generation samples are exact, per repetition, from the stored token timings; the prompt test has only the
/// stored summary (no samples). Unlike llama-bench's tg test, DeviceLab decodes after the prompt:
/// <c>devicelab_context_tokens</c> says how many tokens were already in context.
/// </summary>
public sealed class LlamaBenchExport(IDbContextFactory<DeviceLabDbContext> contexts, RunResultsQuery results)
{
    /// <returns>Null when there is no such run.</returns>
    public async Task<IReadOnlyList<LlamaBenchTest>?> RunAsync(long runId, CancellationToken cancellationToken = default)
    {
        var rows = await results.RunAsync(runId, cancellationToken);
        if (rows is null) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var parameters = await db.Runs.Where(r => r.Id == runId).Select(r => r.Parameters).SingleAsync(cancellationToken);
        var variantIds = rows.Select(r => r.VariantId).Distinct().ToArray();
        var variants = await db.Variants.Where(v => variantIds.Contains(v.Id))
            .Select(v => new { v.Id, v.SizeBytes, v.Model.ParameterCount, v.Model.Architecture }).ToDictionaryAsync(v => v.Id, cancellationToken);
        var devices = rows.Select(r => r.DeviceId).Distinct().ToArray();
        var socs = await db.Devices.Where(d => devices.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Soc, cancellationToken);
        var decodeMs = await DecodeTimesAsync(db, runId, cancellationToken);

        var tests = new List<LlamaBenchTest>();
        foreach (var r in rows.Where(r => !r.Superseded))
        {
            var variant = variants[r.VariantId];
            LlamaBenchTest Test(int prompt, int generated, long avgNs, long sdNs, double avgTs, double sdTs, IReadOnlyList<long> ns, IReadOnlyList<double> ts) => new(
                $"devicelab-{DeviceLabVersion.Product}", 0, socs.GetValueOrDefault(r.DeviceId) ?? r.DeviceModel ?? "", "", "CPU",
                $"{r.ModelName}-{r.QuantType.ToString().ToLowerInvariant()}.gguf",
                $"{variant.Architecture ?? "llama"} {Params(variant.ParameterCount)} {r.QuantType}", variant.SizeBytes ?? 0, variant.ParameterCount ?? 0,
                parameters.PromptTokens, parameters.PromptTokens, parameters.Threads, "f32", "f32", 0, true,
                prompt, generated, r.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), avgNs, sdNs, avgTs, sdTs, ns, ts,
                r.Id, r.DeviceSerial, r.DeviceModel, r.VariantSha256, generated > 0 ? parameters.PromptTokens : 0, r.IsVirtual, r.IsSimulated);

            if (r.PrefillTokensPerSecond is { Mean: > 0 } prefill)
            {
                var ns = (long)(parameters.PromptTokens / prefill.Mean * 1e9);
                tests.Add(Test(parameters.PromptTokens, 0, ns, (long)(ns * prefill.CoefficientOfVariation), prefill.Mean, prefill.StdDev, [], []));
            }
            if (decodeMs.TryGetValue((r.RunJobId, r.Attempt, r.VariantId), out var repetitions) && repetitions.Count > 0)
            {
                var ns = repetitions.Select(rep => (long)(rep.Ms * 1e6)).ToList();
                var ts = repetitions.Select(rep => rep.Tokens / (rep.Ms / 1000)).ToList();
                var nsSummary = Core.Statistics.SampleSummary.Of(ns.Select(x => (double)x));
                var tsSummary = Core.Statistics.SampleSummary.Of(ts);
                tests.Add(Test(0, repetitions[0].Tokens, (long)nsSummary.Mean, (long)nsSummary.StdDev, tsSummary.Mean, tsSummary.StdDev, ns, ts));
            }
            else if (r.DecodeTokensPerSecond is { Mean: > 0 } decode)
            {
                var ns = (long)(parameters.GeneratedTokens / decode.Mean * 1e9);
                tests.Add(Test(0, parameters.GeneratedTokens, ns, (long)(ns * decode.CoefficientOfVariation), decode.Mean, decode.StdDev, [], []));
            }
        }
        return tests;
    }

    private sealed record Repetition(double Ms, int Tokens);

    /// <summary>Decode time per (job, attempt, variant), one entry per repetition: the sum of its tokens' latencies.</summary>
    private static async Task<Dictionary<(long, int, long), List<Repetition>>> DecodeTimesAsync(DeviceLabDbContext db, long runId, CancellationToken cancellationToken)
    {
        var sums = await db.TokenTimings
            .Where(t => db.RunJobs.Any(j => j.Id == t.RunJobId && j.RunId == runId))
            .GroupBy(t => new { t.RunJobId, t.Attempt, t.VariantId, t.Repetition })
            .Select(g => new { g.Key.RunJobId, g.Key.Attempt, g.Key.VariantId, g.Key.Repetition, Ms = g.Sum(t => t.Ms), Tokens = g.Count() })
            .OrderBy(g => g.Repetition)
            .ToListAsync(cancellationToken);
        return sums.GroupBy(s => (s.RunJobId, s.Attempt, s.VariantId))
            .ToDictionary(g => g.Key, g => g.Select(s => new Repetition(s.Ms, s.Tokens)).ToList());
    }

    private static string Params(long? count) => count switch
    {
        null => "?",
        >= 1_000_000_000 => $"{count / 1e9:0.#}B",
        _ => $"{count / 1e6:0}M",
    };
}
