using System.Diagnostics;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Engine.Bench;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;

namespace DeviceLab.Agent.Benchmark;

/// <summary>
/// A variant file opened in the engine. The runner opens a variant for one repetition and closes it right after, so
/// the process maps one variant's weights at a time and a repetition's peak memory is that variant's own (ADR 0068).
/// </summary>
internal sealed class LoadedVariant : IDisposable
{
    private LoadedVariant(VariantFile file, BenchSession session, VariantDescriptor descriptor, double loadMs)
    {
        File = file;
        Session = session;
        Descriptor = descriptor;
        LoadMs = loadMs;
    }

    public VariantFile File { get; }
    public BenchSession Session { get; }
    public VariantDescriptor Descriptor { get; }
    public string Label => File.Label;

    /// <summary>Milliseconds spent opening the file, planning memory and (for <see cref="Open"/>) mapping the weights' pages.</summary>
    public double LoadMs { get; }

    /// <summary>Opens the file in the engine; a file the engine rejects is bad input naming the file and the engine's reason.</summary>
    public static LoadedVariant Load(VariantFile file, string sha256, long bytes, BenchParameters parameters)
    {
        var start = Stopwatch.GetTimestamp();
        BenchSession session;
        try
        {
            session = BenchSession.Load(file.Path, new BenchSessionOptions
            {
                Threads = parameters.Threads,
                ContextLength = parameters.ContextLength,
                KvCacheType = parameters.KvCacheType == "f32" ? KvCacheType.F32 : KvCacheType.F16,
                PrefillChunkTokens = parameters.PrefillChunkTokens ?? new BenchSessionOptions().PrefillChunkTokens,
                Seed = parameters.Seed,
            });
        }
        catch (Exception e) when (e is GgufFormatException or InvalidDataException or FormatException or NotSupportedException or EndOfStreamException or ArgumentException or IOException)
        {
            throw new AgentInputException(AgentErrorCodes.VariantInvalid, $"variant file {file.Path} cannot be loaded: {e.Message}", file.Label, e);
        }
        var model = session.Model;
        var kernels = session.Kernels;
        var descriptor = new VariantDescriptor(file.Label, Path.GetFullPath(file.Path), sha256, bytes,
            model.Architecture, model.FileType, model.ParameterCount, model.VocabSize, kernels.ContextLength,
            kernels.Path, kernels.Threads, kernels.Memory.TotalBytes);
        return new LoadedVariant(file, session, descriptor, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    /// <summary>
    /// Opens a verified variant for one repetition, ready to be timed: after opening, one untimed single-token pass
    /// touches every weight the forward pass reads, so the page faults of a fresh mapping (minor faults: the file is
    /// in the page cache) are paid here and not inside the timed prefill.
    /// </summary>
    public static LoadedVariant Open(VerifiedVariant variant, BenchParameters parameters, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        variant.CheckUnchanged();
        var loaded = Load(variant.File, variant.Descriptor.Sha256, variant.Descriptor.FileBytes, parameters);
        try
        {
            loaded.Session.Run(promptTokens: 1, generatedTokens: 0, observer: null, cancellationToken);
            return new LoadedVariant(loaded.File, loaded.Session, variant.Descriptor, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    public void Dispose() => Session.Dispose();
}
