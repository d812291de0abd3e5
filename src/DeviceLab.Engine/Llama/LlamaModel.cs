using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Llama;

/// <summary>
/// A llama GGUF file opened for inference: validated hyperparameters and the weights, memory-mapped.
/// Immutable and shareable; each <see cref="LlamaContext"/> over it holds its own cache and scratch.
/// </summary>
public sealed class LlamaModel : IDisposable
{
    private LlamaModel(GgufFile file, LlamaConfig config)
    {
        File = file;
        Config = config;
        Weights = LlamaWeights.FromGguf(file, config);
        ParameterCount = file.Tensors.Sum(t => t.ElementCount);
        MatrixType = file.GetTensor(LlamaTensorNames.AttentionQuery(0)).Type;
    }

    /// <summary>Opens and validates a llama GGUF file.</summary>
    /// <exception cref="GgufFormatException">The file is not valid GGUF or not a llama model this engine can run.</exception>
    public static LlamaModel Load(string path)
    {
        var file = GgufFile.Open(path);
        try
        {
            return new LlamaModel(file, LlamaConfig.FromGguf(file));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public GgufFile File { get; }
    public LlamaConfig Config { get; }
    internal LlamaWeights Weights { get; }

    /// <summary>Elements of every tensor in the file.</summary>
    public long ParameterCount { get; }

    /// <summary>The type of the block matrices (what "the F16 / Q8_0 / Q4_0 variant" refers to).</summary>
    public GgmlType MatrixType { get; }

    /// <summary>Bytes of tensor data the forward pass reads.</summary>
    public long WeightBytes => Weights.MappedBytes;

    public void Dispose() => File.Dispose();
}
