using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Synthesis;

/// <summary>The hyperparameters of a synthetic llama model.</summary>
public sealed record SyntheticShape(
    string Name,
    int EmbeddingLength,
    int BlockCount,
    int HeadCount,
    int HeadCountKv,
    int FeedForwardLength,
    int VocabSize,
    int ContextLength,
    bool TiedOutput,
    float RopeFreqBase,
    float RmsNormEpsilon,
    GgmlType DefaultWeightType)
{
    public int HeadDimension => EmbeddingLength / HeadCount;

    public int KvDimension => HeadCountKv * HeadDimension;

    /// <summary>Weights in the file (embedding, blocks, output norm, output unless tied).</summary>
    public long ParameterCount
    {
        get
        {
            long e = EmbeddingLength, f = FeedForwardLength, kv = KvDimension;
            var perBlock = 2 * e + 2 * e * e + 2 * e * kv + 3 * e * f;
            return e * VocabSize * (TiedOutput ? 1 : 2) + e + BlockCount * perBlock;
        }
    }
}
