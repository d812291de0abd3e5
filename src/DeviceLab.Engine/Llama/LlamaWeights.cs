using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Kernels;

namespace DeviceLab.Engine.Llama;

/// <summary>
/// Pointers to every weight of a llama model inside the memory-mapped GGUF file: nothing is copied, so
/// the weights cost page cache rather than heap, and a page is only read when a kernel touches it.
/// Valid while the <see cref="GgufFile"/> stays open.
/// </summary>
internal sealed unsafe class LlamaWeights
{
    private LlamaWeights(LlamaConfig config, WeightMatrix tokenEmbedding, float* outputNorm, WeightMatrix output,
        LlamaLayerWeights[] layers, long mappedBytes)
    {
        Config = config;
        TokenEmbedding = tokenEmbedding;
        OutputNorm = outputNorm;
        Output = output;
        Layers = layers;
        MappedBytes = mappedBytes;
    }

    public LlamaConfig Config { get; }

    /// <summary>(vocab, dim): one row per token.</summary>
    public WeightMatrix TokenEmbedding { get; }

    /// <summary>(dim) F32.</summary>
    public float* OutputNorm { get; }

    /// <summary>(vocab, dim): the classifier; the token embedding when tied.</summary>
    public WeightMatrix Output { get; }

    public LlamaLayerWeights[] Layers { get; }

    /// <summary>Bytes of tensor data the forward pass reads from the mapping.</summary>
    public long MappedBytes { get; }

    /// <summary>Resolves every tensor; <paramref name="config"/> has already checked names, shapes and types.</summary>
    public static LlamaWeights FromGguf(GgufFile file, LlamaConfig config)
    {
        long mapped = 0;
        WeightMatrix Matrix(string name, int rows, int columns)
        {
            var info = file.GetTensor(name);
            mapped += info.ByteSize;
            return new WeightMatrix(info.Type, file.GetTensorPointer(info), rows, columns);
        }
        float* Norm(string name)
        {
            var info = file.GetTensor(name);
            mapped += info.ByteSize;
            return (float*)file.GetTensorPointer(info);
        }

        int dim = config.EmbeddingLength, kv = config.KvDimension, ff = config.FeedForwardLength;
        var embedding = Matrix(LlamaTensorNames.TokenEmbedding, config.VocabSize, dim);
        var outputNorm = Norm(LlamaTensorNames.OutputNorm);
        var output = config.TiedOutput ? embedding : Matrix(LlamaTensorNames.Output, config.VocabSize, dim);
        var layers = new LlamaLayerWeights[config.BlockCount];
        for (var b = 0; b < layers.Length; b++)
        {
            layers[b] = new LlamaLayerWeights
            {
                AttentionNorm = Norm(LlamaTensorNames.AttentionNorm(b)),
                Query = Matrix(LlamaTensorNames.AttentionQuery(b), dim, dim),
                Key = Matrix(LlamaTensorNames.AttentionKey(b), kv, dim),
                Value = Matrix(LlamaTensorNames.AttentionValue(b), kv, dim),
                AttentionOutput = Matrix(LlamaTensorNames.AttentionOutput(b), dim, dim),
                FeedForwardNorm = Norm(LlamaTensorNames.FeedForwardNorm(b)),
                Gate = Matrix(LlamaTensorNames.FeedForwardGate(b), ff, dim),
                Up = Matrix(LlamaTensorNames.FeedForwardUp(b), ff, dim),
                Down = Matrix(LlamaTensorNames.FeedForwardDown(b), dim, ff),
            };
        }
        return new LlamaWeights(config, embedding, outputNorm, output, layers, mapped);
    }
}

/// <summary>One transformer block's weights (pointers into the mapping).</summary>
internal sealed unsafe class LlamaLayerWeights
{
    /// <summary>(dim) F32.</summary>
    public required float* AttentionNorm { get; init; }

    /// <summary>(n_heads·head_dim, dim).</summary>
    public required WeightMatrix Query { get; init; }

    /// <summary>(n_kv_heads·head_dim, dim).</summary>
    public required WeightMatrix Key { get; init; }

    /// <summary>(n_kv_heads·head_dim, dim).</summary>
    public required WeightMatrix Value { get; init; }

    /// <summary>(dim, n_heads·head_dim).</summary>
    public required WeightMatrix AttentionOutput { get; init; }

    /// <summary>(dim) F32.</summary>
    public required float* FeedForwardNorm { get; init; }

    /// <summary>(ff, dim).</summary>
    public required WeightMatrix Gate { get; init; }

    /// <summary>(ff, dim).</summary>
    public required WeightMatrix Up { get; init; }

    /// <summary>(dim, ff).</summary>
    public required WeightMatrix Down { get; init; }
}
