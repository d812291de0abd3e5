using DeviceLab.Engine.Gguf;

namespace DeviceLab.Engine.Llama;

/// <summary>
/// Hyperparameters of a llama-architecture model, read from GGUF metadata and checked against
/// the tensor shapes. Derived sizes: <see cref="HeadDimension"/> = embedding / heads,
/// <see cref="KvDimension"/> = kv heads × head dimension.
/// </summary>
public sealed record LlamaConfig
{
    public required int ContextLength { get; init; }
    public required int EmbeddingLength { get; init; }
    public required int BlockCount { get; init; }
    public required int FeedForwardLength { get; init; }
    public required int HeadCount { get; init; }

    /// <summary>Key/value heads (grouped-query attention); equals <see cref="HeadCount"/> when the key is absent.</summary>
    public required int HeadCountKv { get; init; }

    /// <summary>Dimensions rotated by RoPE per head; the head dimension when the key is absent.</summary>
    public required int RopeDimensionCount { get; init; }

    /// <summary>RoPE frequency base; 10000 when the key is absent.</summary>
    public required float RopeFreqBase { get; init; }

    public required float RmsNormEpsilon { get; init; }

    /// <summary>Token count, from <c>tokenizer.ggml.tokens</c>.</summary>
    public required int VocabSize { get; init; }

    /// <summary>True when the file has no <c>output.weight</c> and the output projection reuses the token embedding.</summary>
    public required bool TiedOutput { get; init; }

    public int HeadDimension => EmbeddingLength / HeadCount;

    public int KvDimension => HeadCountKv * HeadDimension;

    /// <summary>Query heads that share one key/value head.</summary>
    public int GroupSize => HeadCount / HeadCountKv;

    /// <summary>Reads and validates the hyperparameters and every tensor shape of a llama GGUF file.</summary>
    /// <exception cref="GgufFormatException">A required key is missing, a value is out of range, or a tensor is missing or misshapen.</exception>
    public static LlamaConfig FromGguf(GgufFile file)
    {
        var config = FromMetadata(file.Metadata, file.TryGetTensor(LlamaTensorNames.Output, out _) == false);
        LlamaShapeCheck.Verify(config, file);
        return config;
    }

    /// <summary>Reads and validates the hyperparameters from metadata alone.</summary>
    public static LlamaConfig FromMetadata(GgufMetadata metadata, bool tiedOutput)
    {
        var architecture = metadata.GetString(LlamaMetadataKeys.Architecture);
        if (architecture != "llama")
            throw new GgufFormatException($"'{LlamaMetadataKeys.Architecture}' is \"{architecture}\"; this engine runs \"llama\" models");

        var embedding = Positive(metadata, LlamaMetadataKeys.EmbeddingLength);
        var heads = Positive(metadata, LlamaMetadataKeys.HeadCount);
        var kvHeads = metadata.ContainsKey(LlamaMetadataKeys.HeadCountKv) ? Positive(metadata, LlamaMetadataKeys.HeadCountKv) : heads;
        if (embedding % heads != 0)
            throw new GgufFormatException($"embedding length {embedding} is not divisible by the head count {heads}");
        if (heads % kvHeads != 0)
            throw new GgufFormatException($"head count {heads} is not divisible by the key/value head count {kvHeads}");
        var headDim = embedding / heads;
        var ropeDims = metadata.ContainsKey(LlamaMetadataKeys.RopeDimensionCount)
            ? Positive(metadata, LlamaMetadataKeys.RopeDimensionCount)
            : headDim;
        if (ropeDims > headDim || ropeDims % 2 != 0)
            throw new GgufFormatException($"'{LlamaMetadataKeys.RopeDimensionCount}' is {ropeDims}; it must be even and at most the head dimension {headDim}");

        var ropeBase = metadata.TryGetFloat32(LlamaMetadataKeys.RopeFreqBase, out var b) ? b : 10000f;
        if (!(ropeBase > 0) || float.IsInfinity(ropeBase))
            throw new GgufFormatException($"'{LlamaMetadataKeys.RopeFreqBase}' is {ropeBase}; it must be a positive number");
        var eps = metadata.GetFloat32(LlamaMetadataKeys.RmsEpsilon);
        if (!(eps > 0) || eps >= 1)
            throw new GgufFormatException($"'{LlamaMetadataKeys.RmsEpsilon}' is {eps}; it must be between 0 and 1 (exclusive)");

        return new LlamaConfig
        {
            ContextLength = Positive(metadata, LlamaMetadataKeys.ContextLength),
            EmbeddingLength = embedding,
            BlockCount = Positive(metadata, LlamaMetadataKeys.BlockCount),
            FeedForwardLength = Positive(metadata, LlamaMetadataKeys.FeedForwardLength),
            HeadCount = heads,
            HeadCountKv = kvHeads,
            RopeDimensionCount = ropeDims,
            RopeFreqBase = ropeBase,
            RmsNormEpsilon = eps,
            VocabSize = VocabSizeOf(metadata),
            TiedOutput = tiedOutput,
        };
    }

    private static int VocabSizeOf(GgufMetadata metadata)
    {
        if (metadata.TryGetValue(LlamaMetadataKeys.Tokens, out var tokens))
        {
            if (tokens.ElementType != GgufValueType.String)
                throw new GgufFormatException($"'{LlamaMetadataKeys.Tokens}' holds {tokens.TypeName}, expected [string]");
            if (tokens.Count == 0) throw new GgufFormatException($"'{LlamaMetadataKeys.Tokens}' is empty");
            return tokens.Count;
        }
        if (metadata.ContainsKey(LlamaMetadataKeys.VocabSize)) return Positive(metadata, LlamaMetadataKeys.VocabSize);
        throw new GgufFormatException($"missing required metadata key '{LlamaMetadataKeys.Tokens}' (the vocabulary)");
    }

    // Hyperparameters are u32 in GGUF; a value above int.MaxValue or zero is a corrupt file here.
    private static int Positive(GgufMetadata metadata, string key)
    {
        var value = metadata.GetUInt32(key);
        if (value is 0 or > int.MaxValue)
            throw new GgufFormatException($"'{key}' is {value}; it must be a positive 32-bit count");
        return (int)value;
    }
}
