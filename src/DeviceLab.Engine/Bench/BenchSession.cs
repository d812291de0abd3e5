using System.Diagnostics;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Sampling;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Bench;

/// <summary>
/// The benchmark entry point the agent runs on a device: load a GGUF model once, then run repetitions of
/// "prefill P prompt tokens, decode G tokens" and report time to first token, prefill throughput, every
/// decode step's latency and peak memory. Prompt tokens are drawn from the seed, so every repetition and
/// every device sees the same prompt; tokens are chosen greedily, since sampling is not what is measured.
/// </summary>
public sealed class BenchSession : IDisposable
{
    private readonly LlamaModel _model;
    private readonly LlamaContext _context;
    private readonly int _seed;

    private BenchSession(LlamaModel model, LlamaContext context, int seed)
    {
        _model = model;
        _context = context;
        _seed = seed;
        var file = model.File;
        Model = new BenchModelInfo(
            file.Metadata.TryGetString(LlamaMetadataKeys.Name, out var name) ? name : Path.GetFileName(file.Path),
            file.Metadata.GetString(LlamaMetadataKeys.Architecture),
            model.MatrixType,
            GgmlTypes.NameOf(model.MatrixType),
            model.ParameterCount,
            file.FileLength,
            model.Config.VocabSize,
            model.Config.ContextLength);
        Kernels = new BenchKernelInfo(
            context.Kernels.Description, context.Kernels, context.Threads, context.ContextLength,
            context.KvCacheType, context.PrefillChunkTokens, context.MemoryPlan);
    }

    /// <summary>Opens the model and plans its memory.</summary>
    /// <exception cref="Gguf.GgufFormatException">The file is not a llama GGUF model this engine can run.</exception>
    public static BenchSession Load(string modelPath, BenchSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = LlamaModel.Load(modelPath);
        try
        {
            var context = new LlamaContext(model, new LlamaContextOptions
            {
                Threads = options.Threads,
                ContextLength = options.ContextLength,
                KvCacheType = options.KvCacheType,
                PrefillChunkTokens = options.PrefillChunkTokens,
            });
            var session = new BenchSession(model, context, options.Seed);
            // Parsing the vocabulary leaves ~15 MiB of garbage on a 49k-token model; return it to the OS now
            // so it does not sit in every repetition's resident memory.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            return session;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public BenchModelInfo Model { get; }

    public BenchKernelInfo Kernels { get; }

    /// <summary>The prompt a repetition of <paramref name="promptTokens"/> tokens uses: the same for the same seed.</summary>
    public int[] PromptTokens(int promptTokens)
    {
        var random = new Random(_seed);
        return Enumerable.Range(0, promptTokens).Select(_ => random.Next(_model.Config.VocabSize)).ToArray();
    }

    /// <summary>Runs one repetition from an empty cache.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one prompt token, negative generated tokens, or more tokens than the context holds.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (checked between decode steps).</exception>
    public BenchRepetition Run(int promptTokens, int generatedTokens, IBenchObserver? observer = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(promptTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(generatedTokens);
        if (promptTokens + generatedTokens > _context.ContextLength)
            throw new ArgumentOutOfRangeException(nameof(generatedTokens),
                $"{promptTokens} prompt + {generatedTokens} generated tokens exceed the {_context.ContextLength}-token context");
        ct.ThrowIfCancellationRequested();
        var prompt = PromptTokens(promptTokens);
        var decodeMs = new double[generatedTokens];
        _context.Reset();
        PeakMemory.TryReset();

        observer?.OnPhase(BenchPhase.Prefill, true);
        var start = Stopwatch.GetTimestamp();
        var logits = _context.Evaluate(prompt);
        var prefillEnd = Stopwatch.GetTimestamp();
        var token = Sampler.ArgMax(logits);
        var firstToken = Stopwatch.GetTimestamp();
        observer?.OnPhase(BenchPhase.Prefill, false);
        var prefillMs = Stopwatch.GetElapsedTime(start, prefillEnd).TotalMilliseconds;

        observer?.OnPhase(BenchPhase.Decode, true);
        var decodeStart = Stopwatch.GetTimestamp();
        var pausedTicks = 0L;
        for (var i = 0; i < generatedTokens; i++)
        {
            ct.ThrowIfCancellationRequested();
            var stepStart = Stopwatch.GetTimestamp();
            token = Sampler.ArgMax(_context.Evaluate([token]));
            var stepEnd = Stopwatch.GetTimestamp();
            decodeMs[i] = Stopwatch.GetElapsedTime(stepStart, stepEnd).TotalMilliseconds;
            observer?.OnToken(i, token, decodeMs[i]);
            pausedTicks += Stopwatch.GetTimestamp() - stepEnd;
        }
        var decodeTotalMs = Stopwatch.GetElapsedTime(decodeStart).TotalMilliseconds - pausedTicks * 1000.0 / Stopwatch.Frequency;
        observer?.OnPhase(BenchPhase.Decode, false);

        return new BenchRepetition(
            TimeToFirstTokenMs: Stopwatch.GetElapsedTime(start, firstToken).TotalMilliseconds,
            PrefillMs: prefillMs,
            PrefillTokensPerSecond: promptTokens / (prefillMs / 1000),
            DecodeTokenMs: decodeMs,
            DecodeTokensPerSecond: generatedTokens == 0 ? 0 : generatedTokens / (decodeTotalMs / 1000),
            PeakRssBytes: PeakMemory.ReadPeakBytes());
    }

    public void Dispose()
    {
        _context.Dispose();
        _model.Dispose();
    }
}
