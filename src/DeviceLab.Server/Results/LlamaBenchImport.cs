using System.Text.Json;
using System.Text.Json.Nodes;
using DeviceLab.Core.Models;
using DeviceLab.Core.Results.LlamaBench;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Statistics;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using DeviceLab.Server.Runs;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Results;

/// <summary>
/// Stores llama.cpp's llama-bench results of a device as a DeviceLab result, so llama.cpp's numbers and DeviceLab's engine
/// stand side by side: one run (trigger <c>import</c>) with one succeeded job on the device and one result of the variant.
/// Prefill tokens/s come from the prompt test's repetitions, decode tokens/s and ms/token from the generation test's;
/// what llama-bench does not measure (time to first token, memory, energy) stays empty. The result's context says
/// <c>"engine": "llama.cpp b&lt;build&gt; (&lt;commit&gt;)"</c> and keeps every imported test object as llama-bench wrote it
/// (docs/decisions/0123). Nothing is stored when anything is wrong.
/// </summary>
public sealed class LlamaBenchImport(IDbContextFactory<DeviceLabDbContext> contexts, TimeProvider time)
{
    /// <summary>The context key every result carries its engine under (absent: DeviceLab's own engine).</summary>
    public const string EngineKey = "engine";

    /// <exception cref="LlamaBenchImportException">The file, the device or the variant cannot be used (the message says why; 400/404/409).</exception>
    public async Task<LlamaBenchImportResult> ImportAsync(string body, LlamaBenchImportRequest request, string? requestedBy, CancellationToken cancellationToken)
    {
        IReadOnlyList<LlamaBenchTest> tests;
        try
        {
            tests = LlamaBenchJson.Parse(body);
        }
        catch (FormatException e)
        {
            throw new LlamaBenchImportException(400, "Not llama-bench output", e.Message);
        }
        var (prompt, generation) = Choose(tests, request);
        var chosen = new[] { prompt, generation }.OfType<LlamaBenchTest>().ToList();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var device = await FindDeviceAsync(db, request.Device, cancellationToken);
        var variant = await FindVariantAsync(db, request, chosen[0], cancellationToken);

        var now = time.GetUtcNow();
        var first = chosen.Min(t => t.TestTime).ToUniversalTime();
        var last = chosen.Max(t => t.TestTime).ToUniversalTime();
        var repetitions = chosen.Max(t => t.SamplesTokensPerSecond.Count);
        var run = new Run
        {
            Status = RunStatus.Succeeded, Trigger = RunTrigger.Import, RequestedBy = requestedBy, VariantIds = [variant.Id],
            DeviceSelector = DeviceSelector.Everything, CreatedAt = now, StartedAt = first, FinishedAt = last,
            Parameters = new SuiteParameters(prompt?.PromptTokens ?? 0, generation?.GeneratedTokens ?? 0, chosen[0].Threads, 0, repetitions),
        };
        var job = new RunJob
        {
            Run = run, DeviceId = device.Id, VariantIds = [variant.Id], Attempt = 1, Status = RunJobStatus.Succeeded,
            CreatedAt = now, StartedAt = first, FinishedAt = last,
        };
        var result = new BenchmarkResult
        {
            RunJob = job, Attempt = 1, VariantId = variant.Id, DeviceId = device.Id,
            PrefillTokensPerSecond = prompt is null ? null : SampleSummary.Of(prompt.SamplesTokensPerSecond),
            DecodeTokensPerSecond = generation is null ? null : SampleSummary.Of(generation.SamplesTokensPerSecond),
            // llama-bench keeps each repetition's duration, not each token's: ms/token per repetition.
            DecodeMsPerToken = generation is null ? null : SampleSummary.Of(generation.SamplesNs.Select(ns => ns / 1e6 / generation.GeneratedTokens)),
            EnergyValid = false, IsSimulated = false, IsVirtual = device.IsVirtual, CreatedAt = now,
            Context = ContextOf(chosen, device, variant, requestedBy, now),
        };
        db.Results.Add(result);
        await db.SaveChangesAsync(cancellationToken);
        return new LlamaBenchImportResult(run.Id, job.Id, result.Id, device.Id, variant.Id, chosen[0].EngineLabel,
            chosen.Select(t => t.Name).ToList(), result.PrefillTokensPerSecond?.Mean, result.DecodeTokensPerSecond?.Mean);
    }

    /// <summary>The one prompt test and the one generation test to import, after the request's filters.</summary>
    private static (LlamaBenchTest? Prompt, LlamaBenchTest? Generation) Choose(IReadOnlyList<LlamaBenchTest> tests, LlamaBenchImportRequest request)
    {
        var kept = tests.Where(t => request.Threads is null || t.Threads == request.Threads).ToList();
        if (kept.Count == 0) throw Bad($"No test ran with n_threads {request.Threads}; the file has n_threads {Distinct(tests, t => t.Threads)}.");
        Unique(kept, t => t.Threads, "n_threads", "threads");
        Unique(kept, t => t.BuildCommit, "llama.cpp builds (build_commit)", null);
        Unique(kept, t => t.ModelFilename, "models (model_filename)", null);
        var prompts = kept.Where(t => t is { PromptTokens: > 0, GeneratedTokens: 0 } && (request.PromptTokens is null || t.PromptTokens == request.PromptTokens)).ToList();
        var generations = kept.Where(t => t is { PromptTokens: 0, GeneratedTokens: > 0 } && (request.GeneratedTokens is null || t.GeneratedTokens == request.GeneratedTokens)).ToList();
        if (prompts.Count > 1) throw Bad($"The file has prompt tests with n_prompt {Distinct(prompts, t => t.PromptTokens)}; choose one with promptTokens.");
        if (generations.Count > 1) throw Bad($"The file has generation tests with n_gen {Distinct(generations, t => t.GeneratedTokens)}; choose one with generatedTokens.");
        if (prompts.Count == 0 && generations.Count == 0)
            throw Bad("The file has no prompt test (n_prompt > 0, n_gen 0) and no generation test (n_gen > 0, n_prompt 0) to import" +
                      (request.PromptTokens is not null || request.GeneratedTokens is not null ? " with the chosen sizes." : "."));
        return (prompts.SingleOrDefault(), generations.SingleOrDefault());
    }

    private static void Unique<T>(IReadOnlyList<LlamaBenchTest> tests, Func<LlamaBenchTest, T> key, string what, string? filter)
    {
        if (tests.Select(key).Distinct().Count() > 1)
            throw Bad($"The file mixes {what}: {Distinct(tests, key)}; " +
                      (filter is null ? "import one at a time (one file per run of llama-bench)." : $"choose one with {filter}."));
    }

    private static string Distinct<T>(IEnumerable<LlamaBenchTest> tests, Func<LlamaBenchTest, T> key) => string.Join(", ", tests.Select(key).Distinct());

    private static async Task<Device> FindDeviceAsync(DeviceLabDbContext db, string device, CancellationToken cancellationToken)
    {
        var text = device.Trim();
        if (long.TryParse(text, out var id) && await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is { } byId) return byId;
        var bySerial = await db.Devices.AsNoTracking().Where(d => d.Serial == text).ToListAsync(cancellationToken);
        return bySerial.Count switch
        {
            1 => bySerial[0],
            0 => throw new LlamaBenchImportException(404, "Unknown device", $"There is no device with id or serial '{text}'."),
            _ => throw new LlamaBenchImportException(409, "Ambiguous device",
                $"{bySerial.Count} lab hosts have a device with serial '{text}'; give its id ({string.Join(", ", bySerial.Select(d => d.Id))})."),
        };
    }

    private static async Task<Variant> FindVariantAsync(DeviceLabDbContext db, LlamaBenchImportRequest request, LlamaBenchTest test, CancellationToken cancellationToken)
    {
        if (request.VariantId is { } variantId)
            return await db.Variants.AsNoTracking().SingleOrDefaultAsync(v => v.Id == variantId, cancellationToken)
                   ?? throw new LlamaBenchImportException(404, "Unknown variant", $"There is no variant with id {variantId}.");
        if (string.IsNullOrWhiteSpace(request.Model))
            throw Bad("Say which DeviceLab variant llama-bench ran: variantId, or model (its variant of the file's quantization is used).");
        var name = request.Model.Trim();
        var modelId = long.TryParse(name, out var id) ? id : (long?)null;
        var model = await db.Models.AsNoTracking().Include(m => m.Variants)
                        .FirstOrDefaultAsync(m => m.Name == name || m.Id == modelId, cancellationToken)
                    ?? throw new LlamaBenchImportException(404, "Unknown model", $"There is no model '{name}'.");
        var quant = test.QuantName
                    ?? throw Bad($"The tests' model_type '{test.ModelType}' names no quantization; give variantId.");
        return model.Variants.FirstOrDefault(v => string.Equals(v.QuantType.ToString(), quant, StringComparison.OrdinalIgnoreCase))
               ?? throw Bad($"Model {model.Name} has no {quant} variant (it has {string.Join(", ", model.Variants.Select(v => VariantBuilds.Name(v.QuantType)))}); " +
                            "build it or give variantId.");
    }

    private static JsonElement ContextOf(IReadOnlyList<LlamaBenchTest> tests, Device device, Variant variant, string? requestedBy, DateTimeOffset now)
    {
        var test = tests[0];
        var context = new JsonObject
        {
            [EngineKey] = test.EngineLabel,
            ["source"] = "llama-bench",
            ["imported_at"] = now.ToString("O"),
            ["imported_by"] = requestedBy,
            ["device"] = new JsonObject { ["id"] = device.Id, ["serial"] = device.Serial, ["model"] = device.Model, ["is_virtual"] = device.IsVirtual },
            ["variant"] = new JsonObject { ["id"] = variant.Id, ["quant_type"] = variant.QuantType.ToString().ToLowerInvariant(), ["sha256"] = variant.Sha256 },
            ["llama_cpp"] = new JsonObject
            {
                ["build_commit"] = test.BuildCommit, ["build_number"] = test.BuildNumber, ["cpu_info"] = test.CpuInfo,
                ["gpu_info"] = test.GpuInfo, ["backends"] = test.Backends, ["model_filename"] = test.ModelFilename,
                ["model_type"] = test.ModelType, ["model_size"] = test.ModelSizeBytes, ["model_n_params"] = test.ModelParameters,
                ["n_threads"] = test.Threads,
            },
            ["not_measured"] = new JsonArray("time_to_first_token", "peak_memory", "energy", "per_token_latency"),
            ["tests"] = new JsonArray(tests.Select(t => JsonNode.Parse(t.Raw.GetRawText())).ToArray()),
        };
        return JsonSerializer.SerializeToElement(context);
    }

    private static LlamaBenchImportException Bad(string detail) => new(400, "Cannot import these llama-bench results", detail);
}

/// <summary>An import that stores nothing: <see cref="StatusCode"/> and a message for the problem details.</summary>
public sealed class LlamaBenchImportException(int statusCode, string title, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;
}
