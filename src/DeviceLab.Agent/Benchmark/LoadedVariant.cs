using DeviceLab.Core.AgentProtocol;
using DeviceLab.Engine.Bench;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;

namespace DeviceLab.Agent.Benchmark;

/// <summary>A verified variant file opened in the engine for the whole run (interleaving needs every variant warm).</summary>
internal sealed class LoadedVariant : IDisposable
{
    private LoadedVariant(VariantFile file, BenchSession session, VariantDescriptor descriptor)
    {
        File = file;
        Session = session;
        Descriptor = descriptor;
    }

    public VariantFile File { get; }
    public BenchSession Session { get; }
    public VariantDescriptor Descriptor { get; }
    public string Label => File.Label;

    /// <summary>Opens the file in the engine; a file the engine rejects is bad input naming the file and the engine's reason.</summary>
    public static LoadedVariant Load(VariantFile file, string sha256, long bytes, BenchParameters parameters)
    {
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
        return new LoadedVariant(file, session, descriptor);
    }

    public void Dispose() => Session.Dispose();
}
