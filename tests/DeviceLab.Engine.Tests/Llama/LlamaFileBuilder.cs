using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Llama;

/// <summary>
/// A minimal llama GGUF (zero F32 weights) whose metadata and tensor list tests can bend before writing,
/// to produce files that are wrong in exactly one way.
/// </summary>
internal sealed class LlamaFileBuilder
{
    public const int Embedding = 64, Blocks = 2, Heads = 4, KvHeads = 2, FeedForward = 96, Vocab = 300;

    public GgufMetadata Metadata { get; } = new();

    public List<GgufTensorSpec> Tensors { get; } = [];

    public LlamaFileBuilder(bool tied = false)
    {
        Metadata.Add("general.architecture", GgufValue.String("llama"));
        Metadata.Add("llama.context_length", GgufValue.UInt32(128));
        Metadata.Add("llama.embedding_length", GgufValue.UInt32(Embedding));
        Metadata.Add("llama.block_count", GgufValue.UInt32(Blocks));
        Metadata.Add("llama.feed_forward_length", GgufValue.UInt32(FeedForward));
        Metadata.Add("llama.attention.head_count", GgufValue.UInt32(Heads));
        Metadata.Add("llama.attention.head_count_kv", GgufValue.UInt32(KvHeads));
        Metadata.Add("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(1e-5f));
        Metadata.Add("tokenizer.ggml.tokens", GgufValue.Array(Enumerable.Range(0, Vocab).Select(i => $"t{i}").ToArray()));

        var kv = Embedding / Heads * KvHeads;
        Add(LlamaTensorNames.TokenEmbedding, Embedding, Vocab);
        Add(LlamaTensorNames.OutputNorm, Embedding);
        if (!tied) Add(LlamaTensorNames.Output, Embedding, Vocab);
        for (var b = 0; b < Blocks; b++)
        {
            Add(LlamaTensorNames.AttentionNorm(b), Embedding);
            Add(LlamaTensorNames.AttentionQuery(b), Embedding, Embedding);
            Add(LlamaTensorNames.AttentionKey(b), Embedding, kv);
            Add(LlamaTensorNames.AttentionValue(b), Embedding, kv);
            Add(LlamaTensorNames.AttentionOutput(b), Embedding, Embedding);
            Add(LlamaTensorNames.FeedForwardNorm(b), Embedding);
            Add(LlamaTensorNames.FeedForwardGate(b), Embedding, FeedForward);
            Add(LlamaTensorNames.FeedForwardUp(b), Embedding, FeedForward);
            Add(LlamaTensorNames.FeedForwardDown(b), FeedForward, Embedding);
        }
    }

    private void Add(string name, params long[] dims) => Tensors.Add(new GgufTensorSpec(name, GgmlType.F32, dims));

    public void Replace(string name, GgmlType type, params long[] dims)
    {
        var i = Tensors.FindIndex(t => t.Name == name);
        Tensors[i] = new GgufTensorSpec(name, type, dims);
    }

    public string Write(TempFolder folder, string name = "model.gguf")
    {
        var path = folder.File(name);
        GgufWriter.Write(path, Metadata, Tensors.Select(t => (t, new byte[t.ByteSize])).ToList());
        return path;
    }
}
